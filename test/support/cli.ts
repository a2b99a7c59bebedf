import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Everything written to a stream, once it has ended: a write's 'data' event may come after the command returns. */
function written(stream: PassThrough): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    stream.on('end', () => resolve(text));
  });
}

/** Runs `loss-tutor ARGV` in this process with captured streams: the real command, no shell. */
export async function runCli(argv: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env: options.env ?? process.env, cwd: options.cwd ?? process.cwd() };
  (io.stdin as PassThrough).end(options.stdin ?? '');
  const output = Promise.all([written(stdout), written(stderr)]);
  const code = await main(argv, io);
  stdout.end();
  stderr.end();
  const [out, err] = await output;
  return { code, stdout: out, stderr: err };
}
