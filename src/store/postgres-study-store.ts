import type { CardContent } from '../study/cards';
import type { Schedule } from '../study/schedule';
import type { PostgresDatabase, Queryable } from './postgres-database';
import { answerIn, writeTurn } from './postgres-store';
import { StoreError } from './store-error';
import { CARD_COLUMNS, deckOf, newLearnerId, reviewRecord, studyCard, unknownLearner, type CardRow, type ReviewRow } from './study-rows';
import type { StudyChange, StudyStore } from './study-store';

// Times are ISO strings of one format: byte order ("C") is time order, as in SQLite.
const DUE_ORDER = 'ORDER BY due COLLATE "C", id COLLATE "C"';

const UPSERT = `INSERT INTO cards (learner_id, id, item, passage_id, kind, prompt, answer, fsrs, due, notebook_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT (learner_id, id) DO UPDATE SET`;

const cardValues = (learner: string, card: CardContent, schedule: Schedule, due: string, notebook: string): unknown[] => [learner, card.id, card.item, card.passage ?? null, card.kind, card.prompt, card.answer, JSON.stringify(schedule), due, notebook];

/** Locks the learner's row for the transaction (two replicas' writes for one learner take turns), or rejects. */
async function lockLearner(client: Queryable, learner: string): Promise<void> {
  const { rowCount } = await client.query('SELECT 1 FROM learners WHERE id = $1 FOR UPDATE', [learner]);
  if (rowCount === 0) throw unknownLearner(learner);
}

/** The changes in order, inside the caller's transaction, the learner's row locked first. */
async function apply(client: Queryable, learner: string, changes: readonly StudyChange[], notebook: string): Promise<void> {
  await lockLearner(client, learner);
  for (const change of changes) {
    if (change.type === 'due') {
      for (const card of change.cards) await client.query(`${UPSERT} due = EXCLUDED.due`, cardValues(learner, card, change.schedule, change.at, notebook));
      continue;
    }
    const { rows } = await client.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE learner_id = $1 AND id = $2`, [learner, change.card.id]);
    const schedule = change.next(rows[0] ? studyCard(rows[0]).schedule : undefined);
    await client.query(`${UPSERT} fsrs = EXCLUDED.fsrs, due = EXCLUDED.due`, cardValues(learner, change.card, schedule, schedule.due, notebook));
    await client.query('INSERT INTO reviews (learner_id, card_id, grade, at, fsrs) VALUES ($1, $2, $3, $4, $5)', [learner, change.card.id, change.grade, change.at, JSON.stringify(schedule)]);
  }
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
    async cards(learner, notebook) {
      const { rows } = await db.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE learner_id = $1 AND notebook_id = $2 ${DUE_ORDER}`, [learner, deckOf(notebook)]);
      return rows.map(studyCard);
    },
    async dueCards(learner, at, notebook) {
      const { rows } = await db.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE learner_id = $1 AND notebook_id = $2 AND due COLLATE "C" <= $3 ${DUE_ORDER}`, [learner, deckOf(notebook), at]);
      return rows.map(studyCard);
    },
    async card(learner, id) {
      const { rows } = await db.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE learner_id = $1 AND id = $2`, [learner, id]);
      return rows[0] ? studyCard(rows[0]) : undefined;
    },
    record: (learner, changes, notebook) => db.transaction((client) => apply(client, learner, changes, deckOf(notebook))),
    recordTurn: (learner, changes, turn, notebook) =>
      db.transaction(async (client) => {
        // The session's row first (a resend of the question waits here), then the learner's: always in that order.
        const session = await client.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [turn.sessionId]);
        if (session.rowCount === 0) throw new StoreError('session_not_found', `no session ${turn.sessionId}: start a new conversation.`);
        const stored = await answerIn(client, turn.sessionId, turn.question.id);
        if (stored) return { entry: stored, replayed: true };
        await apply(client, learner, changes, deckOf(notebook));
        return { entry: await writeTurn(client, turn), replayed: false };
      }),
    async reviews(learner, notebook) {
      const { rows } = await db.query<ReviewRow>(
        'SELECT r.card_id, c.item, r.grade, r.at, r.fsrs FROM reviews r JOIN cards c ON c.learner_id = r.learner_id AND c.id = r.card_id WHERE r.learner_id = $1 AND c.notebook_id = $2 ORDER BY r.seq',
        [learner, deckOf(notebook)],
      );
      return rows.map(reviewRecord);
    },
    close: () => db.close(),
  };
}
