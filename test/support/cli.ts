import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';

/** Runs `loss-tutor ARGV` in this process with captured streams: the real command, no shell. */
export async function runCli(argv: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const io: CliIo = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: process.env, cwd: process.cwd() };
  (io.stdin as PassThrough).end(stdin);
  let stdout = '';
  let stderr = '';
  io.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  io.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
