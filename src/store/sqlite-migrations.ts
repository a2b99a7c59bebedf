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
];
