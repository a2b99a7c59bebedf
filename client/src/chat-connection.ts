import { savedLearner, saveLearner } from './learner';
import { currentNotebook } from './notebook-state';
import { forgetSession, savedSession, saveSession } from './session';

export interface ServerFrame {
  type: 'welcome' | 'delta' | 'answer' | 'ack' | 'error';
  [field: string]: unknown;
}

/**
 * The chat socket: resumes the saved session, and reconnects with backoff when the line drops. A
 * question stays pending until its answer (or an error other than "send it again") arrives and is
 * sent again after each welcome: the server answers an id once, so a resend is never answered twice.
 */
export class ChatConnection {
  private socket?: WebSocket;
  private readonly pending = new Map<string, string>();
  /** Asks go out only after the welcome; before it they would be sent twice (now and by the welcome). */
  private welcomed = false;
  private retries = 0;
  private counter = 0;

  constructor(
    private readonly onFrame: (frame: ServerFrame) => void,
    private readonly onStatus: (status: string) => void,
  ) {}

  open(): void {
    const session = savedSession();
    const query = new URLSearchParams();
    if (session) query.set('session', session);
    if (currentNotebook) query.set('notebook', currentNotebook);
    const learner = savedLearner();
    if (learner) query.set('learner', learner);
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws${query.size > 0 ? `?${query}` : ''}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    this.welcomed = false;
    socket.addEventListener('open', () => {
      this.retries = 0;
      this.onStatus('connected');
    });
    socket.addEventListener('message', (event) => {
      const frame = JSON.parse(String(event.data)) as ServerFrame;
      if (frame.type === 'welcome') saveSession(String(frame['sessionId']));
      const study = frame.type === 'welcome' ? (frame['study'] as { learner?: unknown } | undefined) : undefined;
      if (typeof study?.learner === 'string') saveLearner(study.learner);
      const replyTo = typeof frame['replyTo'] === 'string' ? frame['replyTo'] : undefined;
      if (replyTo && (frame.type === 'answer' || (frame.type === 'error' && frame['code'] !== 'unavailable'))) this.pending.delete(replyTo);
      this.onFrame(frame);
      if (frame.type === 'welcome') {
        this.welcomed = true;
        for (const [id, text] of this.pending) socket.send(JSON.stringify({ type: 'ask', id, text }));
      }
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      const delay = Math.min(10_000, 500 * 2 ** this.retries++);
      // The server says why it closed (a full database, too many frames); a refused handshake cannot.
      const why = event.reason ? `${event.reason}; ` : '';
      this.onStatus(`${why}reconnecting in ${Math.round(delay / 1000)} s…`);
      setTimeout(() => this.open(), delay);
    });
  }

  ask(text: string): string {
    const id = `q${Date.now()}-${this.counter++}`;
    this.pending.set(id, text);
    // Not welcomed yet: it goes out with the next welcome.
    if (this.welcomed && this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'ask', id, text }));
    return id;
  }

  rate(messageId: string, rating: 'up' | 'down'): void {
    this.socket?.send(JSON.stringify({ type: 'feedback', messageId, rating }));
  }

  /** Starts afresh: a new session on a new socket. */
  restart(): void {
    forgetSession();
    this.pending.clear();
    const old = this.socket;
    this.socket = undefined;
    old?.close();
    this.open();
  }
}
