import type { Command } from '../command';
import { calc } from './calc';
import { check } from './check';
import { item } from './item';
import { items } from './items';
import { search } from './search';

/** Every subcommand, in the order `loss-tutor --help` lists them. Each lives in its own file. */
export const commands: Command[] = [calc, search, items, item, check];
