import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectLoadGarbage } from '../../src/runtime/load-garbage';

/** About 40 MB of parsed JSON that nothing keeps once this returns, like a cache file once read. */
function readAndDrop(): number {
  const parsed = JSON.parse(JSON.stringify(Array.from({ length: 200_000 }, (_, i) => ({ id: i, text: `passage ${i}` })))) as unknown[];
  return parsed.length;
}

describe('collectLoadGarbage', () => {
  it('frees what a load left behind, and runs again when called again', () => {
    collectLoadGarbage();
    const before = getHeapStatistics().used_heap_size;
    expect(readAndDrop()).toBe(200_000);
    expect(getHeapStatistics().used_heap_size - before).toBeGreaterThan(10 * 2 ** 20);
    collectLoadGarbage();
    expect(getHeapStatistics().used_heap_size - before).toBeLessThan(2 * 2 ** 20);
  });
});
