import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CliIo } from './io';

/** The database `serve`, `ask` and `review` share: --db, else $LOSS_TUTOR_DB, else ./data/loss-tutor.db. */
export function databaseFile(io: CliIo, db: string | undefined): string {
  const file = resolve(io.cwd, db ?? io.env.LOSS_TUTOR_DB ?? join('data', 'loss-tutor.db'));
  mkdirSync(dirname(file), { recursive: true });
  return file;
}
