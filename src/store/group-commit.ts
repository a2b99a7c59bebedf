/**
 * Group commit: the turns answered during one pass of the event loop are written in one
 * transaction, so one disk sync (synchronous=FULL) makes all of them durable instead of one sync
 * each. Every caller still learns only after its own turn is on disk, which is what lets the
 * server send an answer frame only once the turn is committed.
 */
import type { AssistantEntry, Store, TurnRecord } from './store';

interface Pending {
  turn: TurnRecord;
  resolve: (entry: AssistantEntry) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private pending: Pending[] = [];

  constructor(private readonly store: Store) {}

  /** Resolves with the stored entry once the transaction holding this turn has committed. */
  record(turn: TurnRecord): Promise<AssistantEntry> {
    return new Promise((resolve, reject) => {
      // setImmediate runs after the I/O callbacks of this pass: every turn they answer joins the batch.
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ turn, resolve, reject });
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    let outcomes: (AssistantEntry | Error)[];
    try {
      outcomes = this.store.recordTurns(batch.map((p) => p.turn));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof Error) p.reject(outcome);
      else p.resolve(outcome);
    });
  }
}
