import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { openStores, type Stores } from '../store/open-store';
import { Notebooks } from '../notebook/notebooks';
import { ChatServer } from './chat-server';
import { createHttpApp } from './http-app';
import { createLogger, type Logger } from './logger';
import { notebookRoutes } from './notebook-api';
import { serverOptionsSchema, type ResolvedServerOptions, type ServerOptions } from './server-options';
import { compileProxyTrust } from './proxy-trust';
import { TutorRuntime } from './tutor-runtime';
import { StudyDesk } from '../study/study-desk';

export interface RunningServer {
  url: string;
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
    const trust = compileProxyTrust(options.trustProxy);
    const study = new StudyDesk(stores.study, () => runtime.kb);
    const chat = new ChatServer(runtime, stores.sessions, options.limits, logger, { trust, allowedOrigins: options.allowedOrigins }, notebooks, study);
    opened.push(() => chat.close());
    const notebookApi = notebookRoutes(notebooks, { maxFileBytes: options.limits.maxFileBytes, maxNotebookBytes: options.limits.maxNotebookBytes });
    const http = createServer(createHttpApp(runtime, { clientDir: options.clientDir, logger, startedAt: Date.now(), trust, notebooks: notebookApi, study }));
    http.on('upgrade', (request, socket, head) => chat.handleUpgrade(request, socket, head));
    // Not a proxy: a CONNECT is told so, rather than having its socket dropped without a word. The
    // socket comes without an error listener; a reset by the client must not end the process.
    http.on('connect', (_request, socket: Duplex) => socket.on('error', () => undefined).end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, options.host, () => resolve());
    });
    runtime.watch();
    return running(options, logger, { http, chat, runtime, stores, notebooks });
  } catch (error) {
    await undo();
    throw error;
  }
}

function running(
  options: ResolvedServerOptions,
  logger: Logger,
  { http, chat, runtime, stores, notebooks }: { http: Server; chat: ChatServer; runtime: TutorRuntime; stores: Stores; notebooks: Notebooks },
): RunningServer {
  const { port } = http.address() as AddressInfo;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  logger.info({ event: 'listening', url, db: options.dbFile }, 'listening');

  let closed: Promise<void> | undefined;
  return {
    url,
    logger,
    close() {
      closed ??= (async () => {
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        await chat.close();
        http.closeAllConnections();
        await stopped;
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
  return new Notebooks(stores.notebooks, { maxFileBytes, maxNotebookBytes, maxFiles: maxNotebookFiles, maxParseMs, maxCachedNotebooks }, options.engineThreads);
}
