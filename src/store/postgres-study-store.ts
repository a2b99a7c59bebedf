import type { CardContent } from '../study/cards';
import type { Schedule } from '../study/schedule';
import type { PostgresDatabase, Queryable } from './postgres-database';
import { CARD_COLUMNS, newLearnerId, reviewRecord, studyCard, unknownLearner, type CardRow, type ReviewRow } from './study-rows';
import type { StudyStore } from './study-store';

// Times are ISO strings of one format: byte order ("C") is time order, as in SQLite.
const DUE_ORDER = 'ORDER BY due COLLATE "C", id COLLATE "C"';

const UPSERT = `INSERT INTO cards (learner_id, id, item, passage_id, kind, prompt, answer, fsrs, due) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  ON CONFLICT (learner_id, id) DO UPDATE SET`;

const cardValues = (learner: string, card: CardContent, schedule: Schedule, due: string): unknown[] => [learner, card.id, card.item, card.passage ?? null, card.kind, card.prompt, card.answer, JSON.stringify(schedule), due];

/** Locks the learner's row for the transaction (two replicas' writes for one learner take turns), or rejects. */
async function lockLearner(client: Queryable, learner: string): Promise<void> {
  const { rowCount } = await client.query('SELECT 1 FROM learners WHERE id = $1 FOR UPDATE', [learner]);
  if (rowCount === 0) throw unknownLearner(learner);
}

/** Learners, their cards and reviews in PostgreSQL, shared by every replica. */
export function postgresStudyStore(db: PostgresDatabase): StudyStore {
  return {
    async createLearner() {
      const learner = { id: newLearnerId(), createdAt: new Date().toISOString() };
      await db.query('INSERT INTO learners (id, created_at) VALUES ($1, $2)', [learner.id, learner.createdAt]);
      return learner;
    },
    async getLearner(id) {
      const { rows } = await db.query<{ id: string; created_at: string }>('SELECT id, created_at FROM learners WHERE id = $1', [id]);
      return rows[0] ? { id: rows[0].id, createdAt: rows[0].created_at } : undefined;
    },
    linkSession: (learner, sessionId) =>
      db.transaction(async (client) => {
        await lockLearner(client, learner);
        await client.query('INSERT INTO learner_sessions (learner_id, session_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [learner, sessionId]);
      }),
    async sessionsOf(learner) {
      const { rows } = await db.query<{ session_id: string }>('SELECT l.session_id FROM learner_sessions l JOIN sessions s ON s.id = l.session_id WHERE l.learner_id = $1 ORDER BY s.created_at COLLATE "C"', [learner]);
      return rows.map((row) => row.session_id);
    },
    async cards(learner) {
      const { rows } = await db.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE learner_id = $1 ${DUE_ORDER}`, [learner]);
      return rows.map(studyCard);
    },
    async dueCards(learner, at, limit) {
      const { rows } = await db.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE learner_id = $1 AND due COLLATE "C" <= $2 ${DUE_ORDER} LIMIT $3`, [learner, at, limit]);
      return rows.map(studyCard);
    },
    async dueCount(learner, at) {
      const { rows } = await db.query<{ n: string }>('SELECT COUNT(*) AS n FROM cards WHERE learner_id = $1 AND due COLLATE "C" <= $2', [learner, at]);
      return Number(rows[0]?.n ?? 0);
    },
    async card(learner, id) {
      const { rows } = await db.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE learner_id = $1 AND id = $2`, [learner, id]);
      return rows[0] ? studyCard(rows[0]) : undefined;
    },
    makeDue: (learner, cards, schedule, at) =>
      db.transaction(async (client) => {
        await lockLearner(client, learner);
        for (const card of cards) await client.query(`${UPSERT} due = EXCLUDED.due`, cardValues(learner, card, schedule, at));
      }),
    recordReview: (learner, card, grade, at, schedule) =>
      db.transaction(async (client) => {
        await lockLearner(client, learner);
        await client.query(`${UPSERT} fsrs = EXCLUDED.fsrs, due = EXCLUDED.due`, cardValues(learner, card, schedule, schedule.due));
        await client.query('INSERT INTO reviews (learner_id, card_id, grade, at, fsrs) VALUES ($1, $2, $3, $4, $5)', [learner, card.id, grade, at, JSON.stringify(schedule)]);
      }),
    async reviews(learner) {
      const { rows } = await db.query<ReviewRow>(
        'SELECT r.card_id, c.item, r.grade, r.at, r.fsrs FROM reviews r JOIN cards c ON c.learner_id = r.learner_id AND c.id = r.card_id WHERE r.learner_id = $1 ORDER BY r.seq',
        [learner],
      );
      return rows.map(reviewRecord);
    },
    close: () => db.close(),
  };
}
