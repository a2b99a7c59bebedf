import { extname, join } from 'node:path';
import type { WorkerOptions } from 'node:worker_threads';

/**
 * Where a worker thread's script lives, beside the module that starts it. Built, that is JavaScript;
 * under ts-node it is the TypeScript source, which needs ts-node's loader unless the process was
 * started with it (the thread then inherits it).
 */
export function workerScript(callerFile: string, name: string): { file: string; options: WorkerOptions } {
  const ext = extname(callerFile);
  const needsLoader = ext === '.ts' && !process.execArgv.join(' ').includes('ts-node');
  return { file: join(callerFile, '..', `${name}${ext}`), options: needsLoader ? { execArgv: ['-r', 'ts-node/register/transpile-only'] } : {} };
}
