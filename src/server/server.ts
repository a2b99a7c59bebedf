import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openSqliteStore } from '../store/sqlite-store';
import { ChatServer } from './chat-server';
import { createHttpApp } from './http-app';
import { createLogger, type Logger } from './logger';
import { serverOptionsSchema, type ServerOptions } from './server-options';
import { TutorRuntime } from './tutor-runtime';

export interface RunningServer {
  url: string;
  logger: Logger;
  /** Stops accepting, finishes the answers in flight, closes the sockets and the database. */
  close(): Promise<void>;
}

export async function startServer(input: ServerOptions): Promise<RunningServer> {
  const options = serverOptionsSchema.parse(input);
  const logger = createLogger(options.logLevel);
  const runtime = await TutorRuntime.open({
    kbDir: options.kbDir,
    logger,
    debounceMs: options.limits.watchDebounceMs,
    engineThreads: options.engineThreads,
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(options.llm ? { llm: options.llm } : {}),
  });
  runtime.watch();
  const store = openSqliteStore(options.dbFile);
  const chat = new ChatServer(runtime, store, options.limits, logger);
  const http = createServer(createHttpApp(runtime, { clientDir: options.clientDir, logger, startedAt: Date.now() }));
  http.on('upgrade', (request, socket, head) => chat.handleUpgrade(request, socket, head));

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
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
        store.close();
        logger.info({ event: 'stopped' }, 'stopped');
      })();
      return closed;
    },
  };
}
