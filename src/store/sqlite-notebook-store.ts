import { createHash, randomBytes } from 'node:crypto';
import type { KbProblem } from '../kb/item';
import type { NotebookRecord, NotebookStore, SourceFile, SourceRecord } from './notebook-store';
import type { SqliteDatabase } from './sqlite-database';
import { StoreError } from './store-error';

interface NotebookRow {
  id: string;
  name: string;
  created_at: string;
}

interface SourceRow {
  hash: string;
  name: string;
  bytes: number;
  warnings: string;
  added_at: string;
}

/** 144 random bits, URL-safe, as a session's: the notebook's only key. */
export const newNotebookId = (): string => randomBytes(18).toString('base64url');

export const contentHash = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const notebookOf = (row: NotebookRow): NotebookRecord => ({ id: row.id, name: row.name, createdAt: row.created_at });
const sourceOf = (row: SourceRow): SourceRecord => ({ id: row.hash, name: row.name, bytes: row.bytes, addedAt: row.added_at, warnings: JSON.parse(row.warnings) as KbProblem[] });

export const notebookNotFound = (id: string): StoreError => new StoreError('notebook_not_found', `no notebook ${id}: create a notebook, or check the id you were given`);

/** Notebooks and their sources in the SQLite database the sessions are in. */
export function sqliteNotebookStore(database: SqliteDatabase): NotebookStore {
  const db = database.connection;
  const statements = {
    insertNotebook: db.prepare('INSERT INTO notebooks (id, name, created_at) VALUES (?, ?, ?)'),
    notebook: db.prepare<[string], NotebookRow>('SELECT id, name, created_at FROM notebooks WHERE id = ?'),
    rename: db.prepare('UPDATE notebooks SET name = ? WHERE id = ?'),
    sameBytes: db.prepare<[string, string], SourceRow>('SELECT hash, name, bytes, warnings, added_at FROM notebook_sources WHERE notebook_id = ? AND hash = ?'),
    dropName: db.prepare('DELETE FROM notebook_sources WHERE notebook_id = ? AND name = ?'),
    insertSource: db.prepare('INSERT INTO notebook_sources (notebook_id, hash, name, content, bytes, warnings, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    removeSource: db.prepare('DELETE FROM notebook_sources WHERE notebook_id = ? AND hash = ?'),
    bumpRevision: db.prepare('UPDATE notebooks SET revision = revision + 1 WHERE id = ?'),
    sources: db.prepare<[string], SourceRow>('SELECT hash, name, bytes, warnings, added_at FROM notebook_sources WHERE notebook_id = ? ORDER BY name, hash'),
    files: db.prepare<[string], { name: string; content: Buffer }>('SELECT name, content FROM notebook_sources WHERE notebook_id = ? ORDER BY name, hash'),
    setWarnings: db.prepare('UPDATE notebook_sources SET warnings = ? WHERE notebook_id = ? AND hash = ?'),
    attach: db.prepare('INSERT OR IGNORE INTO notebook_sessions (session_id, notebook_id) VALUES (?, ?)'),
    session: db.prepare<[string], { found: number }>('SELECT 1 AS found FROM sessions WHERE id = ?'),
    sessionNotebook: db.prepare<[string], { notebook_id: string }>('SELECT notebook_id FROM notebook_sessions WHERE session_id = ?'),
  };

  const addSource = (notebookId: string, file: SourceFile, warnings: KbProblem[]) => {
    if (!statements.notebook.get(notebookId)) throw notebookNotFound(notebookId);
    const hash = contentHash(file.bytes);
    const stored = statements.sameBytes.get(notebookId, hash);
    if (stored) return { source: sourceOf(stored), added: false };
    // A file sent again under its name with new bytes is the learner's edit: it replaces the old one.
    statements.dropName.run(notebookId, file.name);
    const addedAt = new Date().toISOString();
    statements.insertSource.run(notebookId, hash, file.name, file.bytes, file.bytes.length, JSON.stringify(warnings), addedAt);
    statements.bumpRevision.run(notebookId);
    return { source: { id: hash, name: file.name, bytes: file.bytes.length, addedAt, warnings }, added: true };
  };

  const { read, write } = database;
  return {
    createNotebook: (name) =>
      write(() => {
        const record: NotebookRecord = { id: newNotebookId(), name, createdAt: new Date().toISOString() };
        statements.insertNotebook.run(record.id, record.name, record.createdAt);
        return record;
      }),
    getNotebook: (id) => read(() => ((row) => (row ? notebookOf(row) : undefined))(statements.notebook.get(id))),
    renameNotebook: (id, name) =>
      write(() => {
        if (statements.rename.run(name, id).changes === 0) return undefined;
        return notebookOf(statements.notebook.get(id)!);
      }),
    listNotebooks: (ids) => read(() => ids.flatMap((id) => ((row) => (row ? [notebookOf(row)] : []))(statements.notebook.get(id)))),
    addSource: (notebookId, file, warnings) => write(() => addSource(notebookId, file, warnings)),
    removeSource: (notebookId, sourceId) =>
      write(() => {
        if (statements.removeSource.run(notebookId, sourceId).changes === 0) return false;
        statements.bumpRevision.run(notebookId);
        return true;
      }),
    sources: (notebookId) => read(() => statements.sources.all(notebookId).map(sourceOf)),
    sourceFiles: (notebookId) => read(() => statements.files.all(notebookId).map((row) => ({ name: row.name, bytes: row.content }))),
    setWarnings: (notebookId, warnings) =>
      write(() => {
        for (const [hash, list] of warnings) statements.setWarnings.run(JSON.stringify(list), notebookId, hash);
      }),
    attachSession: (sessionId, notebookId) =>
      write(() => {
        if (!statements.notebook.get(notebookId)) throw notebookNotFound(notebookId);
        if (!statements.session.get(sessionId)) throw new StoreError('session_not_found', `no session ${sessionId}: start a new conversation.`);
        statements.attach.run(sessionId, notebookId);
      }),
    notebookOfSession: (sessionId) => read(() => statements.sessionNotebook.get(sessionId)?.notebook_id),
  };
}
