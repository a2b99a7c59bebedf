import type { CliIo } from './io';

/**
 * One `loss-tutor` subcommand. `argv` is what follows the command's name; each command parses
 * its own flags (node:util parseArgs) and validates them with a schema at this edge.
 * Resolves to the process exit code.
 */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** What a command's own module holds: its run; the name, summary and usage sit in the list of commands. */
export type CommandRun = Pick<Command, 'run'>;
