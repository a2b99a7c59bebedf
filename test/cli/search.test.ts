import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

describe('loss-tutor search', () => {
  beforeAll(() => {
    process.env['LOSS_TUTOR_CACHE_DIR'] = mkdtempSync(join(tmpdir(), 'loss-tutor-cache-'));
  });

  it('ranks items best first as JSON', async () => {
    const { code, stdout } = await runCli(['search', 'focal loss gamma', '--limit', '3', '--json']);
    expect(code).toBe(0);
    const hits = JSON.parse(stdout) as { item: number; title: string; source: string; score: number }[];
    expect(hits).toHaveLength(3);
    expect(hits[0]).toMatchObject({ item: 27, title: 'Focal loss', source: 'en/027-focal-loss.md' });
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('answers a Chinese question', async () => {
    const { stdout } = await runCli(['search', '加權損失如何平衡品質與數量', '--json']);
    expect((JSON.parse(stdout) as { item: number }[])[0]?.item).toBe(35);
  });

  it('refuses a limit that is not a number', async () => {
    const { code, stderr } = await runCli(['search', 'mse', '--limit', 'lots']);
    expect(code).toBe(2);
    expect(stderr).toContain('--limit lots is not a whole number');
  });
});
