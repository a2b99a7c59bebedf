/** A notebook whose kept engine may be out of date, or undefined for every notebook (changes may have been missed). */
export type StaleNotebook = (notebookId: string | undefined) => void;

/**
 * How a process learns that a notebook's sources changed, whether this process changed them or
 * another one on the same database did: what lets each replica drop the tutor it keeps for that
 * notebook and build it again from the database. The stores announce each change in the same
 * transaction as the change itself, so a committed change is never left unannounced.
 */
export interface NotebookChanges {
  /** From now on `stale` is called for each change; resolves once changes committed after it are sure to be heard. */
  listen(stale: StaleNotebook): Promise<void>;
  /**
   * Called before a kept engine is used. Where changes are pushed (PostgreSQL) there is nothing to
   * do; where they are not (SQLite) it reads the notebook's revision and calls `stale` if it moved.
   */
  settle(notebookId: string): Promise<void>;
  close(): Promise<void>;
}
