import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = join(__dirname, '../../src/cli/main.ts');

describe('a missing SQLite native binding', () => {
  it.each([['ask', 'what is mse?'], ['review']])('%s names the binding and the reinstall, not the folder', (...args) => {
    const dir = mkdtempSync(join(tmpdir(), 'binding-'));
    // better-sqlite3 loads its binding from this path instead of its build folder: one that is not there.
    const env = { ...process.env, TS_NODE_PROJECT: join(__dirname, '../../tsconfig.json'), LOSS_TUTOR_SQLITE_BINDING: join(dir, 'missing', 'better_sqlite3.node') };
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', cli, ...args, '--db', join(dir, 'tutor.db')], { encoding: 'utf8', env });
    rmSync(dir, { recursive: true, force: true });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/native binding/);
    expect(result.stderr).toContain('npm rebuild better-sqlite3');
    expect(result.stderr).not.toMatch(/folder is writable/);
  });
});
