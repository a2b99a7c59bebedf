/**
 * The schema, one step per version; PRAGMA user_version records how many steps a database has had.
 * Append new steps; never edit a step that has shipped.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL,
     state TEXT NOT NULL
   );
   CREATE TABLE messages (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     session_id TEXT NOT NULL REFERENCES sessions(id),
     role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
     message_id TEXT UNIQUE,
     client_id TEXT,
     text TEXT NOT NULL,
     body TEXT,
     at TEXT NOT NULL
   );
   CREATE INDEX messages_by_session ON messages(session_id, seq);
   CREATE TABLE feedback (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     message_id TEXT NOT NULL REFERENCES messages(message_id),
     rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
     comment TEXT,
     at TEXT NOT NULL
   );`,
  // Notebooks: a learner's own sources, and which conversations were started in which notebook.
  `CREATE TABLE notebooks (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE notebook_sources (
     notebook_id TEXT NOT NULL REFERENCES notebooks(id),
     hash TEXT NOT NULL,
     name TEXT NOT NULL,
     content BLOB NOT NULL,
     bytes INTEGER NOT NULL,
     warnings TEXT NOT NULL,
     added_at TEXT NOT NULL,
     PRIMARY KEY (notebook_id, hash)
   );
   CREATE TABLE notebook_sessions (
     session_id TEXT PRIMARY KEY REFERENCES sessions(id),
     notebook_id TEXT NOT NULL REFERENCES notebooks(id)
   );`,
  // Study: learner profiles, the cards each has begun to study (an FSRS schedule as JSON) and their reviews.
  `CREATE TABLE learners (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL
   );
   CREATE TABLE learner_sessions (
     learner_id TEXT NOT NULL REFERENCES learners(id),
     session_id TEXT NOT NULL REFERENCES sessions(id),
     PRIMARY KEY (learner_id, session_id)
   );
   CREATE TABLE cards (
     learner_id TEXT NOT NULL REFERENCES learners(id),
     id TEXT NOT NULL,
     item INTEGER NOT NULL,
     passage_id TEXT,
     kind TEXT NOT NULL CHECK (kind IN ('quiz', 'flashcard', 'cloze')),
     prompt TEXT NOT NULL,
     answer TEXT NOT NULL,
     fsrs TEXT NOT NULL,
     due TEXT NOT NULL,
     PRIMARY KEY (learner_id, id)
   );
   CREATE INDEX cards_by_due ON cards(learner_id, due);
   CREATE TABLE reviews (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     learner_id TEXT NOT NULL,
     card_id TEXT NOT NULL,
     grade TEXT NOT NULL CHECK (grade IN ('again', 'hard', 'good', 'easy')),
     at TEXT NOT NULL,
     fsrs TEXT NOT NULL,
     FOREIGN KEY (learner_id, card_id) REFERENCES cards(learner_id, id)
   );
   CREATE INDEX reviews_by_learner ON reviews(learner_id, seq);`,
  // Study in notebooks: a card belongs to one notebook, whose id its card id carries, or ('') to the server's notes.
  `ALTER TABLE cards ADD COLUMN notebook_id TEXT NOT NULL DEFAULT '';
   DROP INDEX cards_by_due;
   CREATE INDEX cards_by_due ON cards(learner_id, notebook_id, due);`,
  // A revision per notebook, bumped with each change of its sources: how a process on the same
  // database tells that the notebook engine it keeps is out of date.
  `ALTER TABLE notebooks ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;`,
];
