import type { CardContent } from '../study/cards';
import type { Schedule } from '../study/schedule';
import type { SqliteDatabase } from './sqlite-database';
import { sqliteTurns } from './sqlite-store';
import { CARD_COLUMNS, deckOf, newLearnerId, reviewRecord, studyCard, unknownLearner, type CardRow, type ReviewRow } from './study-rows';
import type { Learner, StudyChange, StudyStore } from './study-store';

/** Learners, their cards and reviews on the shared SQLite database; closing it closes the database. */
export function sqliteStudyStore(database: SqliteDatabase): StudyStore {
  const db = database.connection;
  const turns = sqliteTurns(db);
  const statements = {
    insertLearner: db.prepare('INSERT INTO learners (id, created_at) VALUES (?, ?)'),
    learner: db.prepare<[string], { id: string; created_at: string }>('SELECT id, created_at FROM learners WHERE id = ?'),
    link: db.prepare('INSERT OR IGNORE INTO learner_sessions (learner_id, session_id) VALUES (?, ?)'),
    sessions: db.prepare<[string], { session_id: string }>('SELECT l.session_id FROM learner_sessions l JOIN sessions s ON s.id = l.session_id WHERE l.learner_id = ? ORDER BY s.created_at'),
    cards: db.prepare<[string, string], CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE learner_id = ? AND notebook_id = ? ORDER BY due, id`),
    due: db.prepare<[string, string, string], CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE learner_id = ? AND notebook_id = ? AND due <= ? ORDER BY due, id`),
    card: db.prepare<[string, string], CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE learner_id = ? AND id = ?`),
    makeDue: db.prepare(
      `INSERT INTO cards (learner_id, id, item, passage_id, kind, prompt, answer, fsrs, due, notebook_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (learner_id, id) DO UPDATE SET due = excluded.due`,
    ),
    upsertCard: db.prepare(
      `INSERT INTO cards (learner_id, id, item, passage_id, kind, prompt, answer, fsrs, due, notebook_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (learner_id, id) DO UPDATE SET fsrs = excluded.fsrs, due = excluded.due`,
    ),
    insertReview: db.prepare('INSERT INTO reviews (learner_id, card_id, grade, at, fsrs) VALUES (?, ?, ?, ?, ?)'),
    reviews: db.prepare<[string, string], ReviewRow>(
      'SELECT r.card_id, c.item, r.grade, r.at, r.fsrs FROM reviews r JOIN cards c ON c.learner_id = r.learner_id AND c.id = r.card_id WHERE r.learner_id = ? AND c.notebook_id = ? ORDER BY r.seq',
    ),
  };

  const mustExist = (learner: string): void => {
    if (!statements.learner.get(learner)) throw unknownLearner(learner);
  };
  const cardValues = (learner: string, card: CardContent, schedule: Schedule, due: string, notebook: string) =>
    [learner, card.id, card.item, card.passage ?? null, card.kind, card.prompt, card.answer, JSON.stringify(schedule), due, notebook] as const;
  /** Runs inside a write: the changes in order, each review built on the card's schedule as stored now. */
  const apply = (learner: string, changes: readonly StudyChange[], notebook: string): void => {
    mustExist(learner);
    for (const change of changes) {
      if (change.type === 'due') {
        for (const card of change.cards) statements.makeDue.run(...cardValues(learner, card, change.schedule, change.at, notebook));
        continue;
      }
      const stored = statements.card.get(learner, change.card.id);
      const schedule = change.next(stored ? studyCard(stored).schedule : undefined);
      statements.upsertCard.run(...cardValues(learner, change.card, schedule, schedule.due, notebook));
      statements.insertReview.run(learner, change.card.id, change.grade, change.at, JSON.stringify(schedule));
    }
  };

  const { read, write } = database;
  return {
    createLearner: () =>
      write((): Learner => {
        const learner = { id: newLearnerId(), createdAt: new Date().toISOString() };
        statements.insertLearner.run(learner.id, learner.createdAt);
        return learner;
      }),
    getLearner: (id) =>
      read(() => {
        const row = statements.learner.get(id);
        return row ? { id: row.id, createdAt: row.created_at } : undefined;
      }),
    linkSession: (learner, sessionId) =>
      write(() => {
        mustExist(learner);
        statements.link.run(learner, sessionId);
      }),
    sessionsOf: (learner) => read(() => statements.sessions.all(learner).map((row) => row.session_id)),
    cards: (learner, notebook) => read(() => statements.cards.all(learner, deckOf(notebook)).map(studyCard)),
    dueCards: (learner, at, notebook) => read(() => statements.due.all(learner, deckOf(notebook), at).map(studyCard)),
    card: (learner, id) =>
      read(() => {
        const row = statements.card.get(learner, id);
        return row ? studyCard(row) : undefined;
      }),
    record: (learner, changes, notebook) => write(() => apply(learner, changes, deckOf(notebook))),
    recordTurn: (learner, changes, turn, notebook) =>
      write(() => {
        // One writer at a time: the check and the writes after it cannot interleave with a resend's.
        const stored = turns.answerTo(turn.sessionId, turn.question.id);
        if (stored) return { entry: stored, replayed: true };
        apply(learner, changes, deckOf(notebook));
        return { entry: turns.recordTurn(turn), replayed: false };
      }),
    reviews: (learner, notebook) => read(() => statements.reviews.all(learner, deckOf(notebook)).map(reviewRecord)),
    close: () => database.close(),
  };
}
