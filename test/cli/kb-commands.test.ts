import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const formats = join(__dirname, '../fixtures/notes/formats');
const broken = join(__dirname, '../fixtures/notes/broken');
const notes = join(__dirname, '../fixtures/notes');

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

  it('checks a base and exits 1 when it has errors; a binary file is only a warning', async () => {
    const { code, stdout } = await runCli(['check', '--kb', broken]);
    expect(code).toBe(1);
    expect(stdout).toContain('warning skipped: 004-binary.bin was skipped');
    expect(stdout).toContain('error unreadable: 005-latin1.txt was skipped');
    expect(stdout).toContain('error duplicate_number: 006-duplicate.md and 001-fine.md are both item 1');
    expect(stdout.trim().split('\n').pop()).toBe('2 items, 4 errors, 2 warnings');
  });

  it('says per file which format read it and the items it made; an image and app folders do not fail it', async () => {
    const { code, stdout } = await runCli(['check', '--kb', join(notes, 'obsidian')]);
    expect(code).toBe(0);
    expect(stdout).toContain('Focal loss.md: obsidian, 1 item (#2)\n');
    expect(stdout).toContain('templates/Daily note.md: app files, not notes\n');
    expect(stdout).toContain('warning skipped: attachments/focal-curve.png was skipped');
    const markdown = await runCli(['check', '--kb', join(notes, 'markdown')]);
    expect(markdown.stdout).toContain('loss-facts.md: markdown, 12 items (#1-12)\n');
    expect(markdown.stdout).toContain('warning renumbered_sections: week3-lecture.md numbers its sections 1-4, but loss-facts.md already has items with those numbers: its sections are items #13-16');
    expect(markdown.code).toBe(0);
  });

  it('warns about a file with many numbered lines that made one item, and about a title that is markup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-'));
    writeFileSync(join(dir, 'facts.md'), `---\ntitle: "{{title}}"\n---\n${Array.from({ length: 9 }, (_, i) => `${i + 1}. fact number ${i + 1} about losses`).join('\n')}\n`);
    const { code, stdout } = await runCli(['check', '--kb', dir]);
    rmSync(dir, { recursive: true });
    expect(code).toBe(0);
    expect(stdout).toContain('warning one_item_from_many: facts.md has 9 numbered lines but made one item');
    expect(stdout).toContain('warning suspect_title: facts.md made an item titled "{{title}}"');
  });

  it('exits 1 when its only errors are duplicate numbers: every error it reports fails it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-'));
    for (const name of ['a.md', 'b.md']) writeFileSync(join(dir, name), `---\nitem: 3\ntitle: Note ${name}\nclaim: A note numbered 3.\n---\nA note numbered 3.\n`);
    const { code, stdout } = await runCli(['check', '--kb', dir]);
    rmSync(dir, { recursive: true });
    expect(stdout).toContain('error duplicate_number: b.md and a.md are both item 3');
    expect(stdout.trim().split('\n').pop()).toBe('2 items, 1 errors, 0 warnings');
    expect(code).toBe(1);
  });

  it('stops quietly when the reader of its output goes away (check | head)', () => {
    const result = spawnSync('sh', ['-c', `node -r ts-node/register/transpile-only ${join(__dirname, '../../src/cli/main.ts')} check --kb ${join(__dirname, '../../knowledge')} | head -1`], { encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '../../tsconfig.json') } });
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/EPIPE|Error|at /);
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
