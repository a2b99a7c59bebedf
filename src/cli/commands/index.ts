import type { Command } from '../command';
import { ask } from './ask';
import { calc } from './calc';
import { check } from './check';
import { item } from './item';
import { items } from './items';
import { search } from './search';
import { serve } from './serve';

/** Every subcommand, in the order `loss-tutor --help` lists them. Each lives in its own file. */
export const commands: Command[] = [serve, ask, calc, search, items, item, check];
