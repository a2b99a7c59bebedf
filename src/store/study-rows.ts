/** What both study store implementations read rows into, and the ids and errors they make. */
import { randomBytes } from 'node:crypto';
import type { Grade, Schedule } from '../study/schedule';
import { StoreError } from './store-error';
import type { ReviewRecord, StudyCard } from './study-store';

export interface CardRow {
  id: string;
  item: number;
  passage_id: string | null;
  kind: StudyCard['kind'];
  prompt: string;
  answer: string;
  /** JSON text in SQLite, already parsed from JSONB in PostgreSQL. */
  fsrs: string | Schedule;
  due: string;
}

export interface ReviewRow {
  card_id: string;
  item: number;
  grade: Grade;
  at: string;
  fsrs: string | Schedule;
}

export const CARD_COLUMNS = 'id, item, passage_id, kind, prompt, answer, fsrs, due';

const schedule = (fsrs: string | Schedule): Schedule => (typeof fsrs === 'string' ? (JSON.parse(fsrs) as Schedule) : fsrs);

export const studyCard = (row: CardRow): StudyCard => ({
  id: row.id,
  item: row.item,
  ...(row.passage_id === null ? {} : { passage: row.passage_id }),
  kind: row.kind,
  prompt: row.prompt,
  answer: row.answer,
  schedule: schedule(row.fsrs),
  due: row.due,
});

export const reviewRecord = (row: ReviewRow): ReviewRecord => ({ card: row.card_id, item: row.item, grade: row.grade, at: row.at, schedule: schedule(row.fsrs) });

/** 144 random bits, URL-safe: a learner's only key, kept by the browser, so it must not be guessable. */
export const newLearnerId = (): string => randomBytes(18).toString('base64url');

export const unknownLearner = (id: string): StoreError => new StoreError('learner_not_found', `no learner ${id.slice(0, 40)}: start a new profile (forget the stored learner id).`);

/** The notebook column of a deck: a notebook's id, or '' for the server's notes. */
export const deckOf = (notebook: string | undefined): string => notebook ?? '';
