import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openStores, type Stores } from '../store/open-store';
import { ChatServer } from './chat-server';
import { createHttpApp } from './http-app';
import { createLogger, type Logger } from './logger';
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
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
      ...(options.llm ? { llm: options.llm } : {}),
    });
    opened.push(() => runtime.close());
    const trust = compileProxyTrust(options.trustProxy);
    const study = new StudyDesk(stores.study, () => runtime.kb);
    const chat = new ChatServer(runtime, stores.sessions, options.limits, logger, { trust, allowedOrigins: options.allowedOrigins }, study);
    opened.push(() => chat.close());
    const http = createServer(createHttpApp(runtime, { clientDir: options.clientDir, logger, startedAt: Date.now(), trust, study }));
    http.on('upgrade', (request, socket, head) => chat.handleUpgrade(request, socket, head));
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, options.host, () => resolve());
    });
    runtime.watch();
    return running(options, logger, { http, chat, runtime, stores });
  } catch (error) {
    await undo();
    throw error;
  }
}

function running(
  options: ResolvedServerOptions,
  logger: Logger,
  { http, chat, runtime, stores }: { http: Server; chat: ChatServer; runtime: TutorRuntime; stores: Stores },
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
        await stores.close();
        logger.info({ event: 'stopped' }, 'stopped');
      })();
      return closed;
    },
  };
}
