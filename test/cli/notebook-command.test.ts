import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { vaultDir } from '../support/vault-files';

describe('loss-tutor notebook', () => {
  it('creates a notebook, adds a vault folder and pasted text, lists sources with warnings and items, and removes a source', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'loss-tutor-cli-notebook-')), 'tutor.db');
    const created = JSON.parse((await runCli(['notebook', 'create', 'Exam', 'revision', '--db', db, '--json'])).stdout) as { id: string; name: string };
    expect(created.name).toBe('Exam revision');
    const added = await runCli(['notebook', 'add', created.id, vaultDir, '--db', db]);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/added notebook-vault\/Loss notes\/Ranking\/035 Triplet margin loss\.md: items 35/);
    expect(added.stdout).toMatch(/refused notebook-vault\/Loss notes\/old notes latin1\.md: .*not valid UTF-8/);
    const pasted = await runCli(['notebook', 'add', created.id, '--paste', '--db', db, '--json'], { stdin: '1) Dice loss measures overlap.\n2) Tversky loss weighs errors.\n3) Lovász loss optimises IoU.\n' });
    expect((JSON.parse(pasted.stdout) as { added: { items: number[] }[] }).added[0]!.items).toEqual([1, 2, 3]);
    const sources = await runCli(['notebook', 'sources', created.id, '--db', db]);
    expect(sources.stdout).toMatch(/Contrastive loss\.md.*\n\s+warning broken_link: .*Siamese networks/);
    const items = JSON.parse((await runCli(['notebook', 'items', created.id, '--db', db, '--json'])).stdout) as { item: number; title: string }[];
    expect(items.map((i) => i.item)).toEqual(expect.arrayContaining([1, 2, 3, 12, 35]));
    const removed = await runCli(['notebook', 'remove', created.id, 'notebook-vault/Loss notes/Ranking/035 Triplet margin loss.md', '--db', db]);
    expect(removed.code).toBe(0);
    const after = JSON.parse((await runCli(['notebook', 'items', created.id, '--db', db, '--json'])).stdout) as { item: number }[];
    expect(after.map((i) => i.item)).not.toContain(35);
  });

  it('says what is wrong with an unknown notebook or a missing argument', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'loss-tutor-cli-notebook-')), 'tutor.db');
    const unknown = await runCli(['notebook', 'items', 'no-such-id', '--db', db]);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringMatching(/no notebook no-such-id: create a notebook/) });
    expect((await runCli(['notebook', 'rename', 'x', '--db', db])).stderr).toMatch(/needs an id and a name/);
  });

  it('waits for the parse as a process of its own (the parse thread must not let the process exit early)', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'loss-tutor-cli-notebook-')), 'tutor.db');
    const cli = (...args: string[]) => spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/main.ts', 'notebook', ...args, '--db', db], { cwd: join(__dirname, '../..'), encoding: 'utf8' });
    const id = cli('create', 'Process').stdout.split(' ')[0]!;
    const added = cli('add', id, vaultDir);
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/Ranking\/035 Triplet margin loss\.md: items 35/);
  });
});
