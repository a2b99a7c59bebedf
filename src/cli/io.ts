import type { Readable, Writable } from 'node:stream';
import { join } from 'node:path';

/** What a command may touch; tests pass their own streams. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const processIo = (): CliIo => ({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});

/** The package's root, from src/cli (ts-node) and dist/cli (built) alike. */
const packageRoot = join(__dirname, '..', '..');

/** The knowledge base that ships with the package. */
export const bundledKnowledgeDir = join(packageRoot, 'knowledge');

/** The built web client (npm run build). */
export const bundledClientDir = join(packageRoot, 'dist', 'client');

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
