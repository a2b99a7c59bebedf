import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { isPostgresUrl } from '../store/database-location';
import { openStores, type Stores } from '../store/open-store';
import { Notebooks } from '../notebook/notebooks';
import { safeUrl } from '../store/postgres-database';
import { timedStore, timedStudyStore, type StoreObserver } from '../store/timed-store';
import { ChatServer } from './chat-server';
import { createHttpApp } from './http-app';
import { studyRoutes } from './study-routes';
import { createLogger, type Logger } from './logger';
import { ServerMetrics } from './metrics';
import { notebookRoutes } from './notebook-api';
import { Readiness } from './readiness';
import { serverOptionsSchema, splitHostPort, type ResolvedServerOptions, type ServerOptions } from './server-options';
import { compileProxyTrust } from './proxy-trust';
import { TutorRuntime } from './tutor-runtime';
import { StudyDesk } from '../study/study-desk';

export interface RunningServer {
  url: string;
  /** Where /metrics is served when it has an address of its own. */
  metricsUrl?: string;
  logger: Logger;
  /** Stops accepting, finishes the answers in flight, closes the sockets and the database. */
  close(): Promise<void>;
}

/**
 * Opens the database first (the cheapest thing to fail), then the notes and the tutor, then the
 * port. Whatever failed, what was already open is closed again, so the process can exit at once.
 */
export async function startServer(input: ServerOptions): Promise<RunningServer> {
  const options = serverOptionsSchema.parse(input);
  const logger = createLogger(options.logLevel);
  const opened: (() => unknown)[] = [];
  const undo = async () => {
    for (const close of opened.reverse()) await Promise.resolve(close()).catch(() => undefined);
  };
  try {
    const stores = await openStores(options.dbFile, options.limits.maxDatabaseBytes ? { maxBytes: options.limits.maxDatabaseBytes } : {});
    opened.push(() => stores.close());
    const runtime = await TutorRuntime.open({
      kbDir: options.kbDir,
      logger,
      debounceMs: options.limits.watchDebounceMs,
      engineThreads: options.engineThreads,
      scheduling: { turnBudgetMs: options.limits.maxTurnCpuMs, order: options.limits.turnOrder },
      maxAnswerBytes: options.limits.maxAnswerBytes,
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
      ...(options.llm ? { llm: options.llm } : {}),
    });
    opened.push(() => runtime.close());
    const notebooks = openNotebooks(stores, options);
    opened.push(() => notebooks.close());
    await notebooks.listen();
    const trust = compileProxyTrust(options.trustProxy);
    const metrics = options.metrics || options.metricsAddress ? new ServerMetrics() : undefined;
    const observe: StoreObserver = (operation, seconds, outcome) => metrics?.storeSeconds.observe({ operation, outcome }, seconds);
    const sessions = metrics ? timedStore(stores.sessions, observe) : stores.sessions;
    const readiness = new Readiness(sessions, runtime);
    const study = new StudyDesk(metrics ? timedStudyStore(stores.study, observe) : stores.study, () => runtime.kb);
    const chat = new ChatServer(runtime, sessions, options.limits, logger, { trust, allowedOrigins: options.allowedOrigins }, notebooks, metrics, study);
    opened.push(() => chat.close());
    const metricsServer = metrics && options.metricsAddress ? await metrics.listen(splitHostPort(options.metricsAddress)!) : undefined;
    if (metricsServer) opened.push(() => metricsServer.close());
    const notebookApi = notebookRoutes(notebooks, { maxFileBytes: options.limits.maxFileBytes, maxNotebookBytes: options.limits.maxNotebookBytes });
    const http = createServer(
      createHttpApp(runtime, { clientDir: options.clientDir, logger, startedAt: Date.now(), trust, notebooks: notebookApi, readiness, study: studyRoutes(study, notebooks), ...(metrics && !metricsServer ? { metrics } : {}) }),
    );
    http.on('upgrade', (request, socket, head) => chat.handleUpgrade(request, socket, head));
    // Not a proxy: a CONNECT is told so, rather than having its socket dropped without a word. The
    // socket comes without an error listener; a reset by the client must not end the process.
    http.on('connect', (_request, socket: Duplex) => socket.on('error', () => undefined).end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, options.host, () => resolve());
    });
    runtime.watch();
    return running(options, logger, { http, chat, runtime, stores, notebooks, readiness, ...(metricsServer ? { metricsServer } : {}) });
  } catch (error) {
    await undo();
    throw error;
  }
}

function running(
  options: ResolvedServerOptions,
  logger: Logger,
  {
    http,
    chat,
    runtime,
    stores,
    notebooks,
    readiness,
    metricsServer,
  }: { http: Server; chat: ChatServer; runtime: TutorRuntime; stores: Stores; notebooks: Notebooks; readiness: Readiness; metricsServer?: { url: string; close(): Promise<void> } },
): RunningServer {
  const { port } = http.address() as AddressInfo;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  // A PostgreSQL URL may carry a password, which has no place in a log.
  logger.info({ event: 'listening', url, db: isPostgresUrl(options.dbFile) ? safeUrl(options.dbFile) : options.dbFile }, 'listening');

  let closed: Promise<void> | undefined;
  return {
    url,
    ...(metricsServer ? { metricsUrl: metricsServer.url } : {}),
    logger,
    close() {
      closed ??= (async () => {
        // Unready first, still listening: a load balancer polling /readyz sees the drain and sends
        // new learners elsewhere while the answers in flight finish.
        readiness.drain();
        await chat.close();
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeAllConnections();
        await stopped;
        await metricsServer?.close();
        await runtime.close();
        await notebooks.close();
        await stores.close();
        logger.info({ event: 'stopped' }, 'stopped');
      })();
      return closed;
    },
  };
}

function openNotebooks(stores: Stores, options: ResolvedServerOptions): Notebooks {
  const { maxFileBytes, maxNotebookBytes, maxNotebookFiles, maxParseMs, maxCachedNotebooks } = options.limits;
  return new Notebooks(stores.notebooks, stores.notebookChanges, { maxFileBytes, maxNotebookBytes, maxFiles: maxNotebookFiles, maxParseMs, maxCachedNotebooks }, options.engineThreads);
}
