import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const formats = join(__dirname, '../fixtures/notes/formats');
const broken = join(__dirname, '../fixtures/notes/broken');

describe('loss-tutor items, item and check', () => {
  it('lists the items in number order as JSON', async () => {
    const { code, stdout } = await runCli(['items', '--kb', formats, '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as { item: number; title: string; claim: string; source: string }[];
    expect(list.map((entry) => entry.item)).toEqual([1, 2, 3, 4, 12, 13, 14, 15, 16]);
    expect(list[4]).toEqual({ item: 12, title: 'Margin of safety', claim: expect.stringContaining('A margin asks'), source: '012-margin-of-safety.md' });
  });

  it('lists "N. claim" lines for people', async () => {
    const { stdout } = await runCli(['items', '--kb', formats]);
    expect(stdout.split('\n')[0]).toBe('1. A loss function scores a single prediction against its target.');
  });

  it('shows one item whole', async () => {
    const { stdout } = await runCli(['item', '12', '--kb', formats, '--json']);
    const item = JSON.parse(stdout) as Record<string, unknown>;
    expect(item).toMatchObject({ item: 12, title: 'Margin of safety', source: '012-margin-of-safety.md', related: [13] });
    expect(item['text']).toContain('A margin is the gap');
  });

  it('gives the valid range for an item that does not exist', async () => {
    const { code, stderr } = await runCli(['item', '99', '--kb', formats]);
    expect(code).toBe(2);
    expect(stderr).toBe('loss-tutor: there is no item 99: items run from 1 to 16. Run "loss-tutor items" to see them.\n');
  });

  it('checks a base and exits 1 when it has errors', async () => {
    const { code, stdout } = await runCli(['check', '--kb', broken]);
    expect(code).toBe(1);
    expect(stdout).toContain('error unreadable: 004-binary.bin was skipped');
    expect(stdout.trim().split('\n').pop()).toBe('2 items, 5 errors, 1 warnings');
  });

  it('exits 0 when a base has only warnings', async () => {
    const { code, stdout } = await runCli(['check', '--kb', formats, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ items: 9, errors: 0, warnings: 1 });
  });

  it('says what to do when the folder does not exist', async () => {
    const { code, stderr } = await runCli(['items', '--kb', join(formats, 'nope')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/does not exist: pass --kb with a folder of notes/);
  });
});
