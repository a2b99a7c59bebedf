import type { NotebookStore } from './notebook-store';
import { openSqliteDatabase } from './sqlite-database';
import { sqliteNotebookStore } from './sqlite-notebook-store';
import { sqliteSessionStore } from './sqlite-store';
import type { Store } from './store';

export interface StoreOptions {
  /** The most the database may grow to on disk; writes past it fail with database_full. */
  maxBytes?: number;
}

/** Every store of one database; closing it closes the database once. */
export interface Stores {
  sessions: Store;
  notebooks: NotebookStore;
  close(): Promise<void>;
}

/** The stores a `--db` value names: a SQLite file path (or ":memory:"). */
export async function openStores(location: string, options: StoreOptions = {}): Promise<Stores> {
  const database = openSqliteDatabase(location, options);
  return { sessions: sqliteSessionStore(database), notebooks: sqliteNotebookStore(database), close: () => database.close() };
}
