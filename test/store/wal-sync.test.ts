import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../src/store/sqlite-database';

const size = (file: string) => statSync(file).size;

describe('the disk syncs of a SQLite database, off the server thread', () => {
  it('checkpoints the WAL into the database file on a thread of its own while the database is open', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'loss-tutor-wal-')), 'wal.db');
    const database = openSqliteDatabase(file);
    try {
      await database.write(() => database.connection.exec('CREATE TABLE blobs (body TEXT NOT NULL)'));
      const empty = size(file);
      const insert = database.connection.prepare('INSERT INTO blobs (body) VALUES (?)');
      // This connection never checkpoints (wal_autocheckpoint = 0): only the checkpoint thread moves pages into the file.
      const body = 'x'.repeat(100_000);
      for (let i = 0; i < 30; i++) {
        await database.write(() => insert.run(body));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await expect.poll(() => size(file), { timeout: 20_000, interval: 100 }).toBeGreaterThan(empty + 1_000_000);
      expect(database.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    } finally {
      await database.close();
    }
  }, 30_000);
});
