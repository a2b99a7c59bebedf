import { forgetSession, savedSession, saveSession } from './session';

export interface ServerFrame {
  type: 'welcome' | 'delta' | 'answer' | 'ack' | 'error';
  [field: string]: unknown;
}

/** The chat socket: resumes the saved session, and reconnects with backoff when the line drops. */
export class ChatConnection {
  private socket?: WebSocket;
  private retries = 0;
  private counter = 0;

  constructor(
    private readonly onFrame: (frame: ServerFrame) => void,
    private readonly onStatus: (status: string) => void,
  ) {}

  open(): void {
    const session = savedSession();
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws${session ? `?session=${encodeURIComponent(session)}` : ''}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.retries = 0;
      this.onStatus('connected');
    });
    socket.addEventListener('message', (event) => {
      const frame = JSON.parse(String(event.data)) as ServerFrame;
      if (frame.type === 'welcome') saveSession(String(frame['sessionId']));
      this.onFrame(frame);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      const delay = Math.min(10_000, 500 * 2 ** this.retries++);
      this.onStatus(`reconnecting in ${Math.round(delay / 1000)} s…`);
      setTimeout(() => this.open(), delay);
    });
  }

  ask(text: string): string {
    const id = `q${Date.now()}-${this.counter++}`;
    this.socket?.send(JSON.stringify({ type: 'ask', id, text }));
    return id;
  }

  rate(messageId: string, rating: 'up' | 'down'): void {
    this.socket?.send(JSON.stringify({ type: 'feedback', messageId, rating }));
  }

  /** Starts afresh: a new session on a new socket. */
  restart(): void {
    forgetSession();
    const old = this.socket;
    this.socket = undefined;
    old?.close();
    this.open();
  }
}
