/**
 * Turns waiting for a tutor thread, one lane per connection. `fair` serves the waiting lane whose
 * next turn would be done first in thread time: the time it has used plus what its last turn took
 * (fair queuing by finish time: lanes whose turns cost the same take turns in order, and a learner
 * asking light questions goes ahead of lanes sending heavy ones, even of those level with it in time
 * used); `fifo` serves in arrival order across all lanes, as a single queue would.
 *
 * A lane that was idle rejoins at the time of the last lane served, so idling banks no credit.
 */
export type TurnOrder = 'fair' | 'fifo';

interface Lane<T> {
  items: { item: T; seq: number }[];
  used: number;
  /** What the lane's last turn took: the guess at what its next one will. */
  last: number;
}

export class FairQueue<T> {
  private readonly lanes = new Map<string, Lane<T>>();
  private clock = 0;
  private seq = 0;
  private count = 0;

  constructor(private readonly order: TurnOrder) {}

  get size(): number {
    return this.count;
  }

  push(lane: string, item: T): void {
    const entry = this.lanes.get(lane) ?? { items: [], used: this.clock, last: 0 };
    if (entry.items.length === 0) entry.used = Math.max(entry.used, this.clock);
    entry.items.push({ item, seq: this.seq++ });
    this.lanes.set(lane, entry);
    this.count += 1;
  }

  /** Takes the next turn to run, or undefined when none waits. */
  next(): T | undefined {
    let best: Lane<T> | undefined;
    for (const lane of this.lanes.values()) {
      const head = lane.items[0];
      if (!head) continue;
      if (!best || this.before(lane, head.seq, best)) best = lane;
    }
    if (!best) return undefined;
    this.clock = Math.max(this.clock, best.used);
    this.count -= 1;
    const { item } = best.items.shift()!;
    this.forgetIdle();
    return item;
  }

  /** Counts `ms` of thread time against the lane that ran a turn. */
  charge(lane: string, ms: number): void {
    const entry = this.lanes.get(lane) ?? { items: [], used: this.clock, last: 0 };
    entry.used += ms;
    entry.last = ms;
    this.lanes.set(lane, entry);
  }

  /** Takes a turn out before it runs (its connection closed); false if it was not waiting. */
  remove(item: T): boolean {
    for (const lane of this.lanes.values()) {
      const index = lane.items.findIndex((entry) => entry.item === item);
      if (index < 0) continue;
      lane.items.splice(index, 1);
      this.count -= 1;
      return true;
    }
    return false;
  }

  private before(lane: Lane<T>, seq: number, best: Lane<T>): boolean {
    const bestSeq = best.items[0]!.seq;
    const finish = lane.used + lane.last;
    const bestFinish = best.used + best.last;
    if (this.order === 'fifo' || finish === bestFinish) return seq < bestSeq;
    return finish < bestFinish;
  }

  /** An empty lane at or behind the clock would rejoin at the clock anyway: nothing to remember. */
  private forgetIdle(): void {
    for (const [key, lane] of this.lanes) if (lane.items.length === 0 && lane.used <= this.clock) this.lanes.delete(key);
  }
}
