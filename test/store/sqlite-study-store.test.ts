import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { openStores } from '../../src/store/open-store';
import { migrations } from '../../src/store/sqlite-migrations';
import { newSchedule } from '../../src/study/schedule';
import { runStudyStoreContract } from './study-store-contract';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'loss-tutor-study-')), 'tutor.db');

runStudyStoreContract('SQLite', async () => {
  const file = tempFile();
  return { stores: await openStores(file), reopen: () => openStores(file) };
});

it('keeps the cards of a database from before notebooks had decks as cards of the server’s notes', async () => {
  const file = tempFile();
  const old = new Database(file);
  for (const step of migrations.slice(0, 3)) old.exec(step);
  old.pragma('user_version = 3');
  const schedule = newSchedule(new Date('2026-01-01T09:00:00.000Z'));
  old.prepare('INSERT INTO learners (id, created_at) VALUES (?, ?)').run('learner-from-before-decks', '2026-01-01T09:00:00.000Z');
  old.prepare('INSERT INTO cards (learner_id, id, item, passage_id, kind, prompt, answer, fsrs, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run('learner-from-before-decks', '35/cloze', 35, '35.1', 'cloze', 'p', 'a', JSON.stringify(schedule), schedule.due);
  old.close();
  const stores = await openStores(file);
  try {
    expect((await stores.study.dueCards('learner-from-before-decks', schedule.due)).map((c) => c.id)).toEqual(['35/cloze']);
    expect(await stores.study.dueCards('learner-from-before-decks', schedule.due, 'NB')).toEqual([]);
  } finally {
    await stores.close();
  }
});
