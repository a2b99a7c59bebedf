import type { Command } from '../command';

/** Every subcommand, in the order `loss-tutor --help` lists them. Each lives in its own file. */
export const commands: Command[] = [];
