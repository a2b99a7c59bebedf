import { isPostgresUrl } from './database-location';
import type { NotebookChanges } from './notebook-changes';
import type { NotebookStore } from './notebook-store';
import { openPostgresDatabase } from './postgres-database';
import { postgresNotebookChanges } from './postgres-notebook-changes';
import { postgresNotebookStore } from './postgres-notebook-store';
import { postgresSessionStore } from './postgres-store';
import { postgresStudyStore } from './postgres-study-store';
import { openSqliteDatabase } from './sqlite-database';
import { sqliteNotebookChanges } from './sqlite-notebook-changes';
import { sqliteNotebookStore } from './sqlite-notebook-store';
import { sqliteSessionStore } from './sqlite-store';
import type { Store } from './store';
import { sqliteStudyStore } from './sqlite-study-store';
import type { StudyStore } from './study-store';

export interface StoreOptions {
  /** SQLite: the most the file may grow to; writes past it fail with database_full. */
  maxBytes?: number;
}

/** Every store of one database; closing it closes the database once. */
export interface Stores {
  sessions: Store;
  notebooks: NotebookStore;
  /** What tells this process that a notebook changed, here or in another process on the database. */
  notebookChanges: NotebookChanges;
  /** Learner profiles, their cards and reviews (docs/study.md). */
  study: StudyStore;
  close(): Promise<void>;
}

/** The stores a `--db` value names: a postgres:// URL, or a SQLite file path (or ":memory:"). */
export async function openStores(location: string, options: StoreOptions = {}): Promise<Stores> {
  if (isPostgresUrl(location)) {
    const database = await openPostgresDatabase(location);
    const notebookChanges = postgresNotebookChanges(location);
    const close = async () => {
      await notebookChanges.close();
      await database.close();
    };
    return { sessions: postgresSessionStore(database), notebooks: postgresNotebookStore(database), notebookChanges, study: postgresStudyStore(database), close };
  }
  const database = openSqliteDatabase(location, options);
  return { sessions: sqliteSessionStore(database), notebooks: sqliteNotebookStore(database), notebookChanges: sqliteNotebookChanges(database), study: sqliteStudyStore(database), close: () => database.close() };
}
