import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { GroupCommit } from '../store/group-commit';
import type { Store } from '../store/store';
import { RECENT_MESSAGES } from '../tutor/tutor-engine';
import { clientFrameSchema, type ClientFrame, type ErrorFrame } from './chat-protocol';
import { DeltaStream } from './delta-stream';
import type { Logger } from './logger';
import type { ResolvedServerOptions } from './server-options';
import { TokenBucket } from './token-bucket';
import type { TutorRuntime } from './tutor-runtime';

type Limits = ResolvedServerOptions['limits'];

/** The WebSocket chat at /ws (CONTRACTS.md), attached to the HTTP server's upgrade event. */
export class ChatServer {
  private readonly wss: WebSocketServer;
  private readonly perAddress = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly commits: GroupCommit;
  private closing = false;

  constructor(
    private readonly runtime: TutorRuntime,
    private readonly store: Store,
    private readonly limits: Limits,
    private readonly logger: Logger,
  ) {
    this.commits = new GroupCommit(store);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });
    const alive = new WeakSet<WebSocket>();
    this.wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
      alive.add(socket);
      socket.on('pong', () => alive.add(socket));
      this.accept(socket, request);
    });
    // A connection that missed a whole heartbeat interval is gone; end it so its slot frees up.
    this.heartbeat = setInterval(() => {
      for (const socket of this.wss.clients) {
        if (!alive.has(socket)) socket.terminate();
        else {
          alive.delete(socket);
          socket.ping();
        }
      }
    }, limits.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Decides on the upgrade request: the path, the origin, and the connections of this address. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/ws') return refuse(404, 'Not Found');
    if (this.closing) return refuse(503, 'Service Unavailable');
    const origin = request.headers.origin;
    if (origin !== undefined && new URL(origin).host !== request.headers.host) return refuse(403, 'Forbidden');
    const address = request.socket.remoteAddress ?? 'unknown';
    if ((this.perAddress.get(address) ?? 0) >= this.limits.connectionsPerAddress) return refuse(429, 'Too Many Requests');
    this.wss.handleUpgrade(request, socket, head, (ws) => this.wss.emit('connection', ws, request));
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const address = request.socket.remoteAddress ?? 'unknown';
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    socket.on('close', () => this.perAddress.set(address, (this.perAddress.get(address) ?? 1) - 1));

    let log = this.logger.child({ address });
    // ws reports protocol violations (an oversized frame, bad UTF-8) here and closes the socket
    // itself; without a listener the error would take the whole server down.
    socket.on('error', (error) => log.warn({ event: 'socket_error', code: (error as { code?: string }).code, err: error }, 'connection error'));

    let sessionId: string | undefined;
    const welcomed = this.welcome(socket, request, address).then((id) => {
      sessionId = id;
      log = this.logger.child({ sessionId: id });
      return id;
    });
    // Nothing goes out before the welcome. After it, an error about a bad frame goes out at once,
    // ahead of the close a flood leads to; questions are answered one at a time, in order.
    const reply = (frame: ErrorFrame) => (sessionId ? send(socket, frame) : void welcomed.then(() => send(socket, frame), () => undefined));
    let queue: Promise<unknown> = welcomed;
    const bucket = new TokenBucket(this.limits.burstFrames, this.limits.framesPerSecond);
    let strikes = 0;
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return socket.close(1003, 'binary frames are not accepted: send JSON text frames');
      if (!bucket.take()) {
        strikes += 1;
        if (strikes > this.limits.strikes) return socket.close(1008, 'too many frames: slow down and reconnect');
        return reply(errorFrame('rate_limited', 'too many frames: wait a moment before sending more'));
      }
      const frame = parseFrame(data);
      if ('code' in frame) return reply(frame);
      queue = Promise.all([welcomed, queue]).then(([id]) => this.track(this.handle(socket, id, frame, log)), () => undefined);
    });
  }

  /** Resumes the session the URL names, or starts one (committed before the welcome names it). */
  private async welcome(socket: WebSocket, request: IncomingMessage, address: string): Promise<string> {
    const requested = new URL(request.url ?? '/', 'http://localhost').searchParams.get('session');
    const resumed = requested ? this.store.getSession(requested) : undefined;
    try {
      const { id } = resumed ?? (await this.commits.run(() => this.store.createSession()));
      this.logger.info({ event: 'connected', sessionId: id, resumed: resumed !== undefined, address }, 'chat connected');
      send(socket, { type: 'welcome', sessionId: id, history: this.store.history(id), kb: { items: this.runtime.kb.items.length } });
      return id;
    } catch (error) {
      this.logger.error({ event: 'session_failed', address, err: error }, 'could not start a session');
      socket.close(1011, 'the server could not start a session: try again shortly');
      throw error;
    }
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private async handle(socket: WebSocket, sessionId: string, frame: ClientFrame, log: Logger): Promise<void> {
    if (frame.type === 'feedback') {
      const stored = this.store.recordFeedback(frame.messageId, frame.rating, frame.comment);
      log.info({ event: 'feedback', messageId: frame.messageId, rating: frame.rating, stored }, 'feedback');
      return send(socket, stored ? { type: 'ack', replyTo: frame.messageId } : errorFrame('not_found', `no answer ${frame.messageId} to rate: rate a messageId from an answer frame`, frame.messageId));
    }
    const started = Date.now();
    try {
      const state = this.store.getSession(sessionId)?.state ?? { lastShown: [], missed: [] };
      const history = () => this.store.transcript(sessionId, RECENT_MESSAGES);
      const deltas = new DeltaStream((text) => send(socket, { type: 'delta', replyTo: frame.id, text }));
      const result = await this.runtime.tutor.answer({ text: frame.text, state, history, onDelta: (text) => deltas.write(text) });
      // Stored before it is sent: an answer the learner has seen survives a crash.
      const turn = { sessionId, question: { id: frame.id, text: frame.text }, answer: result.answer, state: result.state };
      const entry = await this.commits.run(() => this.store.recordTurn(turn));
      const { role: _role, at: _at, ...answer } = entry;
      deltas.flush();
      send(socket, { type: 'answer', replyTo: frame.id, ...answer, sessionId });
      log.info({ event: 'answered', turnId: frame.id, messageId: entry.messageId, ms: Date.now() - started, citations: entry.citations.map((c) => c.item), clarify: entry.clarify }, 'answered');
    } catch (error) {
      log.error({ event: 'turn_failed', turnId: frame.id, err: error, ms: Date.now() - started }, 'turn failed');
      send(socket, errorFrame('internal', 'the tutor could not answer that; try again or rephrase the question', frame.id));
    }
  }

  /** Stops accepting, lets the answers in flight finish, then says goodbye with 1001. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    await Promise.allSettled([...this.inFlight]);
    for (const socket of this.wss.clients) socket.close(1001, 'the server is shutting down');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function errorFrame(code: ErrorFrame['code'], message: string, replyTo?: string): ErrorFrame {
  return replyTo === undefined ? { type: 'error', code, message } : { type: 'error', replyTo, code, message };
}

function parseFrame(data: RawData): ClientFrame | ErrorFrame {
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    return errorFrame('bad_request', 'the frame is not JSON: send one JSON object per text frame');
  }
  const parsed = clientFrameSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const replyTo = typeof json === 'object' && json !== null && typeof (json as { id?: unknown }).id === 'string' ? (json as { id: string }).id : undefined;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'type';
  return errorFrame('bad_request', `${where}: ${issue?.message ?? 'invalid'}. Frames are {"type":"ask","id","text"} or {"type":"feedback","messageId","rating"}`, replyTo);
}

function send(socket: WebSocket, frame: object): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
}
