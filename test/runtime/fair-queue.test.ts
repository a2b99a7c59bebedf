import { describe, expect, it } from 'vitest';
import { FairQueue } from '../../src/runtime/fair-queue';

/** Serves `rounds` turns: each lane asks again as soon as its turn ran, at the cost `costs` gives it. */
function serve(queue: FairQueue<string>, costs: Record<string, number>, rounds: number): string[] {
  for (const lane of Object.keys(costs)) queue.push(lane, lane);
  const served: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const lane = queue.next()!;
    served.push(lane);
    queue.charge(lane, costs[lane]!);
    queue.push(lane, lane);
  }
  return served;
}

describe('the fair queue', () => {
  it('takes lanes whose turns cost the same in turn', () => {
    expect(serve(new FairQueue('fair'), { a: 10, b: 10, c: 10 }, 9)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('serves a lane of light turns about as much thread time as a lane of heavy ones, so far more often', () => {
    const served = serve(new FairQueue('fair'), { heavy1: 200, heavy2: 200, light: 2 }, 60);
    const light = served.filter((lane) => lane === 'light').length;
    expect(light).toBeGreaterThan(40);
    // Never two heavy turns in a row once the light lane is waiting: it used less than either.
    for (let i = 2; i < served.length; i++) expect(served[i] === 'light' || served[i - 1] === 'light').toBe(true);
  });

  it('takes a light lane ahead of a heavy one level with it in time used', () => {
    const queue = new FairQueue<string>('fair');
    for (const lane of ['heavy1', 'heavy2', 'light']) queue.push(lane, lane);
    for (const [lane, cost] of [['heavy1', 30], ['heavy2', 30], ['light', 1]] as const) {
      expect(queue.next()).toBe(lane);
      queue.charge(lane, cost);
    }
    queue.push('heavy1', 'heavy1');
    queue.push('heavy2', 'heavy2');
    expect(queue.next()).toBe('heavy1');
    queue.charge('heavy1', 30);
    // heavy2 waits level with the clock; the light lane, idle, rejoins at the clock too.
    queue.push('light', 'light');
    expect(queue.next()).toBe('light');
  });

  it('in fifo order serves by arrival, whatever each lane used', () => {
    const served = serve(new FairQueue('fifo'), { heavy1: 200, heavy2: 200, light: 2 }, 9);
    expect(served).toEqual(['heavy1', 'heavy2', 'light', 'heavy1', 'heavy2', 'light', 'heavy1', 'heavy2', 'light']);
  });

  it('gives a lane that was idle no credit for the time it waited', () => {
    const queue = new FairQueue<string>('fair');
    serve(queue, { a: 10, b: 10 }, 20);
    // "late" arrives after a and b each used 100 ms; it starts level with them, not 20 turns ahead.
    queue.push('late', 'late');
    const next = Array.from({ length: 6 }, () => {
      const lane = queue.next()!;
      queue.charge(lane, 10);
      queue.push(lane, lane);
      return lane;
    });
    expect(next.filter((lane) => lane === 'late').length).toBe(2);
  });

  it('drops a waiting turn that is taken out', () => {
    const queue = new FairQueue<string>('fair');
    queue.push('a', 'first');
    queue.push('b', 'second');
    expect(queue.remove('first')).toBe(true);
    expect(queue.remove('first')).toBe(false);
    expect(queue.size).toBe(1);
    expect(queue.next()).toBe('second');
    expect(queue.next()).toBeUndefined();
  });
});
