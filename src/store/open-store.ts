import { openSqliteStore } from './sqlite-store';
import type { Store } from './store';

export interface StoreOptions {
  /** The most the database may grow to on disk; writes past it fail with database_full. */
  maxBytes?: number;
}

/** The store a `--db` value names: a SQLite file path (or ":memory:"). */
export async function openStore(location: string, options: StoreOptions = {}): Promise<Store> {
  return openSqliteStore(location, options);
}
