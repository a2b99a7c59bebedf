import type { Command } from '../command';
import { calc } from './calc';

/** Every subcommand, in the order `loss-tutor --help` lists them. Each lives in its own file. */
export const commands: Command[] = [calc];
