/**
 * Group commit: the writes asked for during one pass of the event loop run in one transaction, so
 * one disk sync makes all of them durable instead of one sync each. Every caller still learns of
 * its write only once it is on disk (after `durable`, when the transaction itself does not sync),
 * which is what lets the server send an answer frame only after its turn is committed.
 */

/** Runs `work` in one transaction; each write inside is its own savepoint, so one that throws is undone alone. */
export type Transaction = (work: () => void) => void;

interface Pending {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private pending: Pending[] = [];

  constructor(
    private readonly transaction: Transaction,
    /** Resolves once what was committed is on disk. */
    private readonly durable: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Resolves with what `write` returned once the transaction holding it has committed. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // setImmediate runs after the I/O callbacks of this pass: every write they ask for joins the batch.
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.transaction(() => {
        for (const { write } of batch) {
          try {
            outcomes.push({ ok: true, value: write() });
          } catch (error) {
            outcomes.push({ ok: false, value: error });
          }
        }
      });
    } catch (error) {
      // A full disk makes SQLite roll the whole transaction back, and the commit then fails with a
      // bare "no transaction is active": the write that failed first tells the real cause.
      const cause = outcomes.find((outcome) => !outcome.ok)?.value ?? error;
      for (const p of batch) p.reject(cause);
      return;
    }
    this.durable().then(
      () => batch.forEach((p, i) => (outcomes[i]!.ok ? p.resolve(outcomes[i]!.value) : p.reject(outcomes[i]!.value))),
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
  }
}
