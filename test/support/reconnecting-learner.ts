import { WebSocket } from 'ws';

type Frame = Record<string, unknown>;

/**
 * A learner's chat as the web client (client/src/chat-connection.ts) keeps it: the session id from
 * the welcome, questions pending until their answer, a reconnect with `?session=ID` whenever the
 * line drops, and every pending question sent again after each welcome.
 */
export class ReconnectingLearner {
  sessionId?: string;
  /** Every answer frame received, by the ask id it replies to: more than one means it came again. */
  readonly answers = new Map<string, Frame[]>();
  /** Error frames other than `unavailable` (which only says to send again). */
  readonly errors: Frame[] = [];
  /** Times the line dropped and was opened again. */
  reconnects = 0;
  private readonly pending = new Map<string, string>();
  private readonly waiting = new Map<string, () => void>();
  private socket?: WebSocket;
  private welcomed = false;
  private stopped = false;
  private firstWelcome?: () => void;

  constructor(private readonly wsUrl: string) {}

  /** Connects; resolves at the first welcome. */
  start(): Promise<void> {
    return new Promise((resolve) => {
      this.firstWelcome = resolve;
      this.open();
    });
  }

  /** Resolves with the answer to this question, however many reconnects it takes. */
  ask(id: string, text: string): Promise<Frame> {
    this.pending.set(id, text);
    const answered = new Promise<void>((resolve) => this.waiting.set(id, resolve));
    if (this.welcomed) this.socket?.send(JSON.stringify({ type: 'ask', id, text }));
    return answered.then(() => this.answers.get(id)![0]!);
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
  }

  private open(): void {
    const socket = new WebSocket(this.sessionId ? `${this.wsUrl}?session=${encodeURIComponent(this.sessionId)}` : this.wsUrl);
    this.socket = socket;
    this.welcomed = false;
    socket.on('message', (data) => this.receive(socket, JSON.parse(data.toString()) as Frame));
    // The close that follows says what to do; an error alone (a refused handshake) needs no more.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.stopped || this.socket !== socket) return;
      this.reconnects += 1;
      setTimeout(() => this.open(), 100 + Math.random() * 300);
    });
  }

  private receive(socket: WebSocket, frame: Frame): void {
    const replyTo = typeof frame['replyTo'] === 'string' ? frame['replyTo'] : undefined;
    if (frame['type'] === 'welcome') {
      this.sessionId = String(frame['sessionId']);
      this.welcomed = true;
      this.firstWelcome?.();
      this.firstWelcome = undefined;
      for (const [id, text] of this.pending) socket.send(JSON.stringify({ type: 'ask', id, text }));
    } else if (frame['type'] === 'answer' && replyTo) {
      this.answers.set(replyTo, [...(this.answers.get(replyTo) ?? []), frame]);
      this.pending.delete(replyTo);
      this.waiting.get(replyTo)?.();
    } else if (frame['type'] === 'error' && frame['code'] !== 'unavailable') {
      this.errors.push(frame);
    }
  }
}
