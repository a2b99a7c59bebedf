#!/usr/bin/env node
import { CliError } from './cli-error';
import type { Command } from './command';
import { processIo, type CliIo } from './io';
import { commands } from './commands';

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'loss-tutor: a tutor for machine-learning loss functions',
    '',
    'usage: loss-tutor <command> [options]   (every command takes --kb DIR and --json)',
    '',
    ...lines,
    '',
    'Run "loss-tutor <command> --help" for a command\'s options.',
  ].join('\n');
}

/** Turns any failure into the one-line message and exit code the contract promises. */
function report(error: unknown, io: CliIo): number {
  const known = error as { code?: unknown; message?: unknown; exitCode?: unknown };
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`loss-tutor: ${message}\n`);
  if (typeof known.exitCode === 'number') return known.exitCode;
  return typeof known.code === 'string' ? 2 : 1;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  try {
    if (!command) {
      throw new CliError('unknown_command', `unknown command "${name}". Run "loss-tutor --help" to see the commands.`);
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`usage: loss-tutor ${command.usage}\n\n${command.summary}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    return report(error, io);
  }
}

/** `loss-tutor check | head`: a reader that stops early is not an error, so stop quietly. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

if (require.main === module) {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`loss-tutor: internal error: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
