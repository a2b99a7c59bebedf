import pg from 'pg';
import type { NotebookChanges, StaleNotebook } from './notebook-changes';
import { postgresFailure } from './postgres-database';

/** The channel the notebook store notifies on, in the transaction of each change; the payload is the notebook's id. */
export const NOTEBOOK_CHANNEL = 'loss_tutor_notebook';

const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5000;

/**
 * Notebook changes pushed by PostgreSQL: one connection of its own, outside the pool, LISTENs on the
 * channel. PostgreSQL keeps no notification for a connection that is not there, so when the line
 * drops it is opened again (backing off up to 5 s) and then every kept engine is called stale: a
 * change committed in the gap was heard by nobody.
 */
export function postgresNotebookChanges(url: string): NotebookChanges {
  let listener: StaleNotebook | undefined;
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = FIRST_RETRY_MS;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    // 'error' is followed by 'end'; the reconnect hangs on 'end' alone, so it is scheduled once.
    next.on('error', () => undefined);
    next.on('end', () => lost(next));
    next.on('notification', (message) => message.channel === NOTEBOOK_CHANNEL && message.payload && listener?.(message.payload));
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${NOTEBOOK_CHANNEL}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw postgresFailure(error) ?? error;
    }
    delay = FIRST_RETRY_MS;
  };

  const schedule = (): void => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(
        () => listener?.(undefined),
        () => {
          delay = Math.min(delay * 2, LAST_RETRY_MS);
          schedule();
        },
      );
    }, delay);
  };

  const lost = (gone: pg.Client): void => {
    if (client === gone) schedule();
  };

  return {
    async listen(stale) {
      listener = stale;
      await connect();
    },
    settle: async () => undefined,
    async close() {
      closed = true;
      clearTimeout(retry);
      listener = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}
