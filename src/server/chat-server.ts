import type { IncomingMessage } from 'node:http';
import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { NotebookError } from '../notebook/notebook-error';
import type { Notebooks } from '../notebook/notebooks';
import type { Store } from '../store/store';
import { StoreError } from '../store/store-error';
import { AnswerSizeError } from '../runtime/answer-bound';
import { TurnBudgetError } from '../runtime/tutor-pool';
import { RECENT_MESSAGES } from '../tutor/tutor-engine';
import { clientFrameSchema, type ClientFrame, type ErrorFrame } from './chat-protocol';
import { DeltaStream } from './delta-stream';
import type { Logger } from './logger';
import type { ServerMetrics, TurnOutcome } from './metrics';
import { clientAddress, requestOrigin, type ProxyTrust } from './proxy-trust';
import type { ResolvedServerOptions } from './server-options';
import { TokenBucket } from './token-bucket';
import type { TutorRuntime } from './tutor-runtime';
import type { Deck, StudyDesk } from '../study/study-desk';
import type { AssistantEntry } from '../store/store';

type Limits = ResolvedServerOptions['limits'];

/** Who may open the chat: the proxies trusted to name the client, and the other origins allowed. */
export interface ChatAccess {
  trust: ProxyTrust;
  allowedOrigins: readonly string[];
}

/** The WebSocket chat at /ws (CONTRACTS.md), attached to the HTTP server's upgrade event. */
export class ChatServer {
  private readonly wss: WebSocketServer;
  private readonly perAddress = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly heartbeat: NodeJS.Timeout;
  private closing = false;
  private connections = 0;
  /** Set once the shutdown grace period is over: questions not yet started are handed back. */
  private handingBack = false;
  /** Each connection's learner profile (`?learner=ID`, or a new one named in the welcome). */
  private readonly learners = new WeakMap<WebSocket, string>();

  constructor(
    private readonly runtime: TutorRuntime,
    private readonly store: Store,
    private readonly limits: Limits,
    private readonly logger: Logger,
    private readonly access: ChatAccess,
    private readonly notebooks?: Notebooks,
    private readonly metrics?: ServerMetrics,
    private readonly study?: StudyDesk,
  ) {
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
    // Node hands over the socket without its error listener: a client that resets it before the
    // answer is written would otherwise raise an unhandled 'error' and end the process.
    socket.on('error', (error) => this.logger.debug({ event: 'upgrade_socket_error', code: (error as NodeJS.ErrnoException).code }, 'an upgrade connection failed'));
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    // Anything thrown here would escape the HTTP server's 'upgrade' event and end the process.
    try {
      const target = request.url ?? '/';
      // Only origin-form targets ("/ws?session=..."): an absolute or odd target is not ours to parse.
      if (!target.startsWith('/') || target.startsWith('//')) return refuse(400, 'Bad Request');
      const url = new URL(target, 'http://localhost');
      if (url.pathname !== '/ws') return refuse(404, 'Not Found');
      if (this.closing) return refuse(503, 'Service Unavailable');
      if (!this.originAllowed(request)) return refuse(403, 'Forbidden');
      const address = clientAddress(request, this.access.trust);
      if ((this.perAddress.get(address) ?? 0) >= this.limits.connectionsPerAddress) return refuse(429, 'Too Many Requests');
      this.wss.handleUpgrade(request, socket, head, (ws) => this.wss.emit('connection', ws, request));
    } catch (error) {
      this.logger.warn({ event: 'upgrade_failed', code: 'bad_upgrade', err: error }, 'refused an upgrade request');
      refuse(400, 'Bad Request');
    }
  }

  /**
   * Same-origin (the page's Origin names the host the request was sent to) or one of the allowed
   * origins. An Origin that is not a URL (a sandboxed frame sends "null") is refused; no Origin at
   * all is a non-browser client.
   */
  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    if (!URL.canParse(origin)) return false;
    const page = new URL(origin);
    if (page.origin !== 'null' && this.access.allowedOrigins.includes(page.origin)) return true;
    const target = requestOrigin(request, this.access.trust);
    return page.host === target.host && (target.protocol === undefined || page.protocol === target.protocol);
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const address = clientAddress(request, this.access.trust);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    this.metrics?.openConnections.inc();
    socket.on('close', () => {
      this.perAddress.set(address, (this.perAddress.get(address) ?? 1) - 1);
      this.metrics?.openConnections.dec();
    });

    // The connection's lane in the tutor threads' queue; its waiting turns are dropped once it closes.
    const lane = { name: `connection ${++this.connections}`, closed: new AbortController() };
    socket.on('close', () => lane.closed.abort(new Error('the connection closed')));

    let log = this.logger.child({ address });
    // ws reports protocol violations (an oversized frame, bad UTF-8) here and closes the socket
    // itself; without a listener the error would take the whole server down.
    socket.on('error', (error) => log.warn({ event: 'socket_error', code: (error as { code?: string }).code, err: error }, 'connection error'));

    let sessionId: string | undefined;
    const welcomed = this.welcome(socket, request, address).then((conversation) => {
      sessionId = conversation.id;
      log = this.logger.child({ session: shortId(conversation.id) });
      return conversation;
    });
    // The failure was logged and the socket closed in welcome(); nothing else waits on it then.
    welcomed.catch(() => undefined);
    // Nothing goes out before the welcome. After it, an error about a bad frame goes out at once,
    // ahead of the close a flood leads to; questions are answered one at a time, in order.
    const reply = (frame: ErrorFrame) => (sessionId ? this.send(socket, frame) : void welcomed.then(() => this.send(socket, frame), () => undefined));
    let queue: Promise<unknown> = welcomed;
    const bucket = new TokenBucket(this.limits.burstFrames, this.limits.framesPerSecond);
    let strikes = 0;
    let queued = 0;
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return socket.close(1003, 'binary frames are not accepted: send JSON text frames');
      if (!bucket.take()) {
        strikes += 1;
        if (strikes > this.limits.strikes) return socket.close(1008, 'too many frames: slow down and reconnect');
        return reply(errorFrame('rate_limited', 'too many frames: wait a moment before sending more'));
      }
      const frame = parseFrame(data, this.limits.maxQuestionChars);
      if ('code' in frame) return reply(frame);
      if (queued >= this.limits.maxQueuedTurns) {
        return reply(errorFrame('rate_limited', `${queued} questions are already waiting on this connection: wait for their answers, then send this one again`, frame.type === 'ask' ? frame.id : frame.messageId));
      }
      queued += 1;
      this.metrics?.queuedTurns.inc();
      const done = () => {
        queued -= 1;
        this.metrics?.queuedTurns.dec();
      };
      queue = Promise.all([welcomed, queue]).then(
        // A turn of a connection that closed while it waited is not worked on: nobody would read it.
        ([conversation]) => {
          if (socket.readyState !== WebSocket.OPEN) return undefined;
          // Shutting down: a question not started is handed back rather than dropped unanswered.
          if (this.handingBack) return this.send(socket, errorFrame('unavailable', 'the server is restarting: send this question again once it is back', frame.type === 'ask' ? frame.id : frame.messageId));
          return this.track(this.handle(socket, conversation, frame, log, lane));
        },
        () => undefined,
      ).finally(done);
    });
  }

  /**
   * Resumes the session the URL names, or starts one (committed before the welcome names it). With
   * `?notebook=ID` the conversation is that notebook's: a session of another notebook is not resumed.
   */
  private async welcome(socket: WebSocket, request: IncomingMessage, address: string): Promise<Conversation> {
    try {
      const params = new URL(request.url ?? '/', 'http://localhost').searchParams;
      const requested = params.get('session');
      const notebookId = this.notebooks ? (params.get('notebook') ?? undefined) : undefined;
      const notebook = notebookId === undefined ? undefined : await this.notebooks!.store.getNotebook(notebookId);
      if (notebookId !== undefined && !notebook) {
        socket.close(4404, 'no such notebook: create a notebook, or check the id you were given');
        throw new NotebookError('notebook_not_found', 'no such notebook');
      }
      let resumed = requested ? await this.store.getSession(requested) : undefined;
      const resumedIn = resumed && this.notebooks ? await this.notebooks.store.notebookOfSession(resumed.id) : undefined;
      if (notebookId !== undefined && resumedIn !== notebookId) resumed = undefined;
      const { id } = resumed ?? (await this.store.createSession());
      const inNotebook = resumed ? resumedIn : notebookId;
      if (!resumed && inNotebook !== undefined) await this.notebooks!.store.attachSession(id, inNotebook);
      this.logger.info({ event: 'connected', session: shortId(id), resumed: resumed !== undefined, address }, 'chat connected');
      const history = await this.store.history(id, this.limits.historyMessages);
      if (inNotebook === undefined) {
        const study = await this.welcomeStudy(socket, request, id);
        send(socket, { type: 'welcome', sessionId: id, history, kb: { items: this.runtime.kb.items.length }, ...study });
        return { id };
      }
      const engine = await this.notebooks!.engine(inNotebook);
      const { kb } = engine;
      // Its tutor starts while the learner reads the welcome, so the first question waits less.
      void engine.tutor().catch(() => undefined);
      const { name } = notebook ?? (await this.notebooks!.get(inNotebook));
      // A learner studies the notebook's cards here: its due count is the notebook's (docs/study.md).
      const study = await this.welcomeStudy(socket, request, id, { notebook: inNotebook, kb });
      send(socket, { type: 'welcome', sessionId: id, history, kb: { items: kb.items.length }, notebook: { id: inNotebook, name, items: kb.items.length }, ...study });
      return { id, notebook: inNotebook };
    } catch (error) {
      // Said already, by the close code: not the server's failure.
      if (error instanceof NotebookError) throw error;
      const failure = error instanceof StoreError ? error : undefined;
      this.logger.error({ event: 'session_failed', code: failure?.code ?? 'internal', address, err: error }, 'could not start a session');
      socket.close(1011, failure?.message ?? 'the server could not start a session: try again shortly');
      throw error;
    }
  }

  /** The learner the URL names (or a new one), the session linked to it, and how many of its cards are due. */
  private async welcomeStudy(socket: WebSocket, request: IncomingMessage, sessionId: string, deck?: Deck): Promise<{ study?: { learner: string; due: number } }> {
    if (!this.study) return {};
    const learner = await this.study.learner(new URL(request.url ?? '/', 'http://localhost').searchParams.get('learner') ?? undefined);
    await this.study.linkSession(learner.id, sessionId);
    this.learners.set(socket, learner.id);
    return { study: { learner: learner.id, due: await this.study.dueNow(learner.id, deck) } };
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private async handle(socket: WebSocket, conversation: Conversation, frame: ClientFrame, log: Logger, lane: { name: string; closed: AbortController }): Promise<void> {
    const sessionId = conversation.id;
    if (frame.type === 'feedback') {
      const stored = await this.store.recordFeedback(sessionId, frame.messageId, frame.rating, frame.comment);
      log.info({ event: 'feedback', messageId: frame.messageId, rating: frame.rating, stored }, 'feedback');
      return this.send(socket, stored ? { type: 'ack', replyTo: frame.messageId } : errorFrame('not_found', `no answer ${frame.messageId} in this conversation to rate: rate a messageId from an answer frame of this session`, frame.messageId));
    }
    const started = Date.now();
    if (frame.notebook !== undefined && frame.notebook !== conversation.notebook) {
      return this.send(socket, errorFrame('bad_request', 'notebook: this conversation answers from another notebook: connect with ?notebook=ID for a conversation in that one', frame.id));
    }
    try {
      const learner = this.study ? this.learners.get(socket) : undefined;
      const engine = conversation.notebook === undefined ? undefined : await this.notebooks!.engine(conversation.notebook);
      const deck = engine ? { notebook: conversation.notebook!, kb: engine.kb } : undefined;
      // An ask id is answered once per session: a resend (after a reconnect) gets the stored answer.
      const stored = await this.store.answerTo(sessionId, frame.id);
      if (stored) return this.answeredAgain(socket, { sessionId, replyTo: frame.id }, stored, learner ? await this.study!.dueNow(learner, deck) : undefined, started, log);
      const state = (await this.store.getSession(sessionId))?.state ?? { lastShown: [], missed: [] };
      const history = () => this.store.transcript(sessionId, RECENT_MESSAGES);
      const deltas = new DeltaStream((text) => send(socket, { type: 'delta', replyTo: frame.id, text }));
      const tutor = engine ? await engine.tutor() : this.runtime.tutor;
      const question = { text: frame.text, state, history, onDelta: (text: string) => deltas.write(text), lane: lane.name, signal: lane.closed.signal };
      const result = await (learner ? this.study!.answer(tutor, learner, question, deck) : tutor.answer(question));
      // Stored before it is sent: an answer the learner has seen survives a crash. A learner's
      // reviews are committed with it, once: a resend that raced this one finds it answered.
      const turn = { sessionId, question: { id: frame.id, text: frame.text }, answer: result.answer, state: result.state };
      const committed: { entry: AssistantEntry; replayed: boolean; due?: number } = learner ? await this.study!.commit(learner, turn, result.study, deck) : { entry: await this.store.recordTurn(turn), replayed: false };
      const { entry } = committed;
      deltas.flush();
      if (committed.replayed) return this.answeredAgain(socket, { sessionId, replyTo: frame.id }, entry, committed.due, started, log);
      const { role: _role, at: _at, ...answer } = entry;
      // The learner's due count as this turn left it: the welcome's line stays current (docs/study.md).
      send(socket, { type: 'answer', replyTo: frame.id, ...answer, sessionId, ...dueField(committed.due) });
      this.turnDone('answered', started);
      log.info({ event: 'answered', turnId: frame.id, messageId: entry.messageId, ms: Date.now() - started, citations: entry.citations.map((c) => c.item), clarify: entry.clarify }, 'answered');
    } catch (error) {
      if (lane.closed.signal.aborted) return log.info({ event: 'turn_dropped', turnId: frame.id }, 'the connection closed before its turn was answered');
      const refusal = turnRefusal(error);
      if (refusal) {
        log.warn({ event: 'turn_refused', code: (error as { code: string }).code, turnId: frame.id, ms: Date.now() - started }, 'refused a turn over a limit');
        this.turnDone('refused', started);
        return this.send(socket, errorFrame(refusal, (error as Error).message, frame.id));
      }
      const failure = error instanceof StoreError ? error : undefined;
      log.error({ event: 'turn_failed', code: failure?.code ?? 'internal', turnId: frame.id, err: error, ms: Date.now() - started }, 'turn failed');
      // A store failure is the server's, not the question's: say so, and that the question may be sent again.
      this.turnDone('failed', started);
      this.send(socket, errorFrame('internal', failure ? `${failure.message}; your question was not saved, send it again later` : 'the tutor could not answer that; try again or rephrase the question', frame.id));
    }
  }

  /** The stored answer to a question asked again, with the learner's due count now. */
  private answeredAgain(socket: WebSocket, { sessionId, replyTo }: { sessionId: string; replyTo: string }, stored: AssistantEntry, due: number | undefined, started: number, log: Logger): void {
    const { role: _role, at: _at, ...answer } = stored;
    send(socket, { type: 'answer', replyTo, ...answer, sessionId, ...dueField(due) });
    this.turnDone('answered_again', started);
    log.info({ event: 'answered_again', turnId: replyTo, messageId: stored.messageId }, 'answered from the store');
  }

  private turnDone(outcome: TurnOutcome, started: number): void {
    this.metrics?.turns.inc({ outcome });
    this.metrics?.turnSeconds.observe({ outcome }, (Date.now() - started) / 1000);
  }

  /** Sends a frame, counting the errors among them by code. */
  private send(socket: WebSocket, frame: object): void {
    const { type, code } = frame as { type?: unknown; code?: unknown };
    if (type === 'error' && typeof code === 'string') this.metrics?.errors.inc({ code });
    send(socket, frame);
  }

  /**
   * Stops accepting, gives the answers in flight up to the grace period to finish, answers every
   * queued question with an error that says to send it again, then says goodbye with 1001.
   */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    const deadline = Date.now() + this.limits.shutdownGraceMs;
    // Queued questions start as the ones ahead of them finish: keep answering until none is left or the grace is over.
    while (this.inFlight.size > 0 && Date.now() < deadline) {
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.inFlight]), new Promise<void>((resolve) => (grace = setTimeout(resolve, deadline - Date.now())))]);
      clearTimeout(grace);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.handingBack = true;
    await Promise.allSettled([...this.inFlight]);
    // The queued turns' handlers run once the turn ahead of them settles; let them send their errors.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const socket of this.wss.clients) socket.close(1001, 'the server is shutting down');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** A turn stopped by a limit of this server: the question's to change, said with the limit's code. */
function turnRefusal(error: unknown): ErrorFrame['code'] | undefined {
  if (error instanceof TurnBudgetError) return 'over_budget';
  if (error instanceof AnswerSizeError) return 'too_large';
  return undefined;
}

/** A connection's conversation: its session, and the notebook it answers from (the server's notes when none). */
interface Conversation {
  id: string;
  notebook?: string;
}

/** An answer's `study` field: the learner's due count after the turn (none without a learner). */
const dueField = (due: number | undefined): { study?: { due: number } } => (due === undefined ? {} : { study: { due } });

function errorFrame(code: ErrorFrame['code'], message: string, replyTo?: string): ErrorFrame {
  return replyTo === undefined ? { type: 'error', code, message } : { type: 'error', replyTo, code, message };
}

/** Enough of a session id to follow one conversation through the log, never the id itself (it is the conversation's key). */
function shortId(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url').slice(0, 8);
}

function parseFrame(data: RawData, maxQuestionChars: number): ClientFrame | ErrorFrame {
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    return errorFrame('bad_request', 'the frame is not JSON: send one JSON object per text frame');
  }
  const parsed = clientFrameSchema.safeParse(json);
  const replyTo = typeof json === 'object' && json !== null && typeof (json as { id?: unknown }).id === 'string' ? (json as { id: string }).id : undefined;
  if (parsed.success) {
    const frame = parsed.data;
    if (frame.type === 'ask' && frame.text.length > maxQuestionChars) {
      return errorFrame('too_large', `the question is ${frame.text.length} characters, over the ${maxQuestionChars} this server takes: shorten it or split it into several questions`, frame.id);
    }
    return frame;
  }
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'type';
  return errorFrame('bad_request', `${where}: ${issue?.message ?? 'invalid'}. Frames are {"type":"ask","id","text"} or {"type":"feedback","messageId","rating"}`, replyTo);
}

function send(socket: WebSocket, frame: object): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
}
