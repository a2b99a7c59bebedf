import type { NotebookChanges, StaleNotebook } from './notebook-changes';
import type { SqliteDatabase } from './sqlite-database';

/**
 * Notebook changes on one SQLite file: every process on the file bumps the notebook's revision in
 * the transaction that changes its sources, and each reads the revision (one row by primary key)
 * before it uses a kept engine. Nothing is pushed, so nothing is missed while a process is busy.
 */
export function sqliteNotebookChanges(database: SqliteDatabase): NotebookChanges {
  const revisionOf = database.connection.prepare<[string], { revision: number }>('SELECT revision FROM notebooks WHERE id = ?');
  const seen = new Map<string, number>();
  let listener: StaleNotebook | undefined;
  return {
    async listen(stale) {
      listener = stale;
    },
    async settle(notebookId) {
      const revision = await database.read(() => revisionOf.get(notebookId)?.revision);
      if (revision === undefined) return;
      const before = seen.get(notebookId);
      seen.set(notebookId, revision);
      if (before !== undefined && before !== revision) listener?.(notebookId);
    },
    async close() {
      listener = undefined;
    },
  };
}
