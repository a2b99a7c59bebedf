import { dirname, join, resolve } from 'node:path';

/** A `--db` value that names a PostgreSQL server rather than a SQLite file. */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/**
 * Where `serve` and `ask` keep their data: --db, else $LOSS_TUTOR_DATABASE_URL, else $LOSS_TUTOR_DB,
 * else ./data/loss-tutor.db. A file path is resolved against the working folder; a URL is kept as it is.
 */
export function databaseLocation(cwd: string, flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const given = flag ?? env['LOSS_TUTOR_DATABASE_URL'] ?? env['LOSS_TUTOR_DB'] ?? join('data', 'loss-tutor.db');
  return isPostgresUrl(given) ? given : resolve(cwd, given);
}

/** The index cache beside a database file; with a database on another machine, in ./data of the working folder. */
export function indexCacheDir(cwd: string, location: string): string {
  return isPostgresUrl(location) ? resolve(cwd, 'data', 'index-cache') : join(dirname(location), 'index-cache');
}
