import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/store/group-commit';

function database() {
  const db = new Database(join(mkdtempSync(join(tmpdir(), 'loss-tutor-group-')), 'group.db'));
  db.exec('CREATE TABLE rows (n INTEGER NOT NULL CHECK (n >= 0))');
  const insert = db.prepare('INSERT INTO rows (n) VALUES (?)');
  let transactions = 0;
  const commits = new GroupCommit((work) => {
    transactions += 1;
    db.transaction(work)();
  });
  // Each write a savepoint of its own, as the store makes them.
  const write = (n: number) => commits.run(db.transaction(() => insert.run(n).changes));
  return { db, write, transactions: () => transactions };
}

describe('group commit', () => {
  it('writes what one pass of the event loop asks for in one transaction, each resolved once committed', async () => {
    const { db, write, transactions } = database();
    const results = await Promise.all(Array.from({ length: 30 }, (_, n) => write(n)));
    expect(results).toEqual(Array(30).fill(1));
    expect(transactions()).toBe(1);
    expect(db.prepare('SELECT COUNT(*) AS n FROM rows').get()).toEqual({ n: 30 });
  });

  it('fails only the write that threw, and starts a new transaction on the next pass', async () => {
    const { db, write, transactions } = database();
    const [kept, lost] = await Promise.allSettled([write(1), write(-1)]);
    expect(kept).toMatchObject({ status: 'fulfilled', value: 1 });
    expect(lost).toMatchObject({ status: 'rejected', reason: { code: 'SQLITE_CONSTRAINT_CHECK' } });
    await expect(write(2)).resolves.toBe(1);
    expect(transactions()).toBe(2);
    expect(db.prepare('SELECT n FROM rows ORDER BY n').all()).toEqual([{ n: 1 }, { n: 2 }]);
  });
});
