import type { Store } from '../store/store';
import { StoreError } from '../store/store-error';
import type { TutorRuntime } from './tutor-runtime';

/** What `/readyz` answers: 200 when `ready`, 503 with the failing check otherwise. */
export interface ReadinessReport {
  ready: boolean;
  /** `ok`, or why the database could not be read: a StoreError code, `timeout` or `internal`. */
  database: string;
  items: number;
  draining: boolean;
}

/** Longer than a healthy database ever takes to look up one row, shorter than a load balancer's probe timeout. */
const DATABASE_TIMEOUT_MS = 2000;

/** A session id no session has (real ids are 24 base64url characters): looking it up reaches the database and finds nothing. */
const PROBE_ID = 'readiness-probe';

/**
 * Whether this process should be sent new conversations: its database answers, its notes are
 * indexed, and it is not shutting down. The server listens only once the index is loaded and a
 * reload swaps a new one in whole, so `items` is there for the operator to read, not a check that
 * can fail while serving.
 */
export class Readiness {
  private draining = false;

  constructor(
    private readonly store: Store,
    private readonly runtime: TutorRuntime,
  ) {}

  /** From now on not ready, for good: the load balancer stops sending while the process finishes what it holds. */
  drain(): void {
    this.draining = true;
  }

  async report(): Promise<ReadinessReport> {
    const database = await this.databaseCheck();
    return { ready: database === 'ok' && !this.draining, database, items: this.runtime.kb.items.length, draining: this.draining };
  }

  /** The lookup a resume makes, so a database that cannot serve a welcome makes the process unready. */
  private async databaseCheck(): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), DATABASE_TIMEOUT_MS)));
    const lookup = this.store.getSession(PROBE_ID).then(
      () => 'ok',
      (error: unknown) => (error instanceof StoreError ? error.code : 'internal'),
    );
    try {
      return await Promise.race([lookup, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
