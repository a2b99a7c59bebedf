import type { CardContent } from '../study/cards';
import type { Schedule } from '../study/schedule';
import type { SqliteDatabase } from './sqlite-database';
import { CARD_COLUMNS, newLearnerId, reviewRecord, studyCard, unknownLearner, type CardRow, type ReviewRow } from './study-rows';
import type { Learner, StudyStore } from './study-store';

/** Learners, their cards and reviews on the shared SQLite database; closing it closes the database. */
export function sqliteStudyStore(database: SqliteDatabase): StudyStore {
  const db = database.connection;
  const statements = {
    insertLearner: db.prepare('INSERT INTO learners (id, created_at) VALUES (?, ?)'),
    learner: db.prepare<[string], { id: string; created_at: string }>('SELECT id, created_at FROM learners WHERE id = ?'),
    link: db.prepare('INSERT OR IGNORE INTO learner_sessions (learner_id, session_id) VALUES (?, ?)'),
    sessions: db.prepare<[string], { session_id: string }>('SELECT l.session_id FROM learner_sessions l JOIN sessions s ON s.id = l.session_id WHERE l.learner_id = ? ORDER BY s.created_at'),
    cards: db.prepare<[string], CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE learner_id = ? ORDER BY due, id`),
    due: db.prepare<[string, string, number], CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE learner_id = ? AND due <= ? ORDER BY due, id LIMIT ?`),
    dueCount: db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM cards WHERE learner_id = ? AND due <= ?'),
    card: db.prepare<[string, string], CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE learner_id = ? AND id = ?`),
    makeDue: db.prepare(
      `INSERT INTO cards (learner_id, id, item, passage_id, kind, prompt, answer, fsrs, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (learner_id, id) DO UPDATE SET due = excluded.due`,
    ),
    upsertCard: db.prepare(
      `INSERT INTO cards (learner_id, id, item, passage_id, kind, prompt, answer, fsrs, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (learner_id, id) DO UPDATE SET fsrs = excluded.fsrs, due = excluded.due`,
    ),
    insertReview: db.prepare('INSERT INTO reviews (learner_id, card_id, grade, at, fsrs) VALUES (?, ?, ?, ?, ?)'),
    reviews: db.prepare<[string], ReviewRow>(
      'SELECT r.card_id, c.item, r.grade, r.at, r.fsrs FROM reviews r JOIN cards c ON c.learner_id = r.learner_id AND c.id = r.card_id WHERE r.learner_id = ? ORDER BY r.seq',
    ),
  };

  const mustExist = (learner: string): void => {
    if (!statements.learner.get(learner)) throw unknownLearner(learner);
  };
  const cardValues = (learner: string, card: CardContent, schedule: Schedule, due: string) => [learner, card.id, card.item, card.passage ?? null, card.kind, card.prompt, card.answer, JSON.stringify(schedule), due] as const;

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
    cards: (learner) => read(() => statements.cards.all(learner).map(studyCard)),
    dueCards: (learner, at, limit) => read(() => statements.due.all(learner, at, limit).map(studyCard)),
    dueCount: (learner, at) => read(() => statements.dueCount.get(learner, at)?.n ?? 0),
    card: (learner, id) =>
      read(() => {
        const row = statements.card.get(learner, id);
        return row ? studyCard(row) : undefined;
      }),
    makeDue: (learner, cards, schedule, at) =>
      write(() => {
        mustExist(learner);
        for (const card of cards) statements.makeDue.run(...cardValues(learner, card, schedule, at));
      }),
    recordReview: (learner, card, grade, at, schedule) =>
      write(() => {
        mustExist(learner);
        statements.upsertCard.run(...cardValues(learner, card, schedule, schedule.due));
        statements.insertReview.run(learner, card.id, grade, at, JSON.stringify(schedule));
      }),
    reviews: (learner) => read(() => statements.reviews.all(learner).map(reviewRecord)),
    close: () => database.close(),
  };
}
