import type { KbProblem } from '../kb/item';
import type { NotebookRecord, NotebookStore, SourceRecord } from './notebook-store';
import type { PostgresDatabase, Queryable } from './postgres-database';
import { NOTEBOOK_CHANNEL } from './postgres-notebook-changes';
import { contentHash, newNotebookId, notebookNotFound } from './sqlite-notebook-store';
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
  warnings: KbProblem[];
  added_at: string;
}

const notebookOf = (row: NotebookRow): NotebookRecord => ({ id: row.id, name: row.name, createdAt: row.created_at });
const sourceOf = (row: SourceRow): SourceRecord => ({ id: row.hash, name: row.name, bytes: row.bytes, addedAt: row.added_at, warnings: row.warnings });

/** PostgreSQL's text and JSONB cannot hold U+0000: stored as U+FFFD, as the session store does. */
const storable = (text: string): string => text.replaceAll('\0', '\uFFFD');
const storableJson = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storable(v) : v));

const SOURCE_COLUMNS = 'hash, name, bytes, warnings, added_at';

/** In the change's transaction, so only a committed change is heard: the revision (one schema for both databases), and the notification every replica's listener hears on commit. */
async function announce(client: Queryable, notebookId: string): Promise<void> {
  await client.query('UPDATE notebooks SET revision = revision + 1 WHERE id = $1', [notebookId]);
  await client.query('SELECT pg_notify($1, $2)', [NOTEBOOK_CHANNEL, notebookId]);
}

async function notebookExists(client: Queryable, id: string): Promise<boolean> {
  return ((await client.query('SELECT 1 FROM notebooks WHERE id = $1', [id])).rowCount ?? 0) > 0;
}

/** Notebooks and their sources in the PostgreSQL database the sessions are in, shared by every replica. */
export function postgresNotebookStore(db: PostgresDatabase): NotebookStore {
  return {
    async createNotebook(name) {
      const record: NotebookRecord = { id: newNotebookId(), name: storable(name), createdAt: new Date().toISOString() };
      await db.query('INSERT INTO notebooks (id, name, created_at) VALUES ($1, $2, $3)', [record.id, record.name, record.createdAt]);
      return record;
    },
    async getNotebook(id) {
      const { rows } = await db.query<NotebookRow>('SELECT id, name, created_at FROM notebooks WHERE id = $1', [id]);
      return rows[0] ? notebookOf(rows[0]) : undefined;
    },
    async renameNotebook(id, name) {
      const { rows } = await db.query<NotebookRow>('UPDATE notebooks SET name = $1 WHERE id = $2 RETURNING id, name, created_at', [storable(name), id]);
      return rows[0] ? notebookOf(rows[0]) : undefined;
    },
    async listNotebooks(ids) {
      const { rows } = await db.query<NotebookRow>('SELECT id, name, created_at FROM notebooks WHERE id = ANY($1)', [[...ids]]);
      const byId = new Map(rows.map((row) => [row.id, notebookOf(row)]));
      return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    },
    addSource: (notebookId, file, warnings) =>
      db.transaction(async (client) => {
        // The notebook's row locked: one change of its sources at a time, whichever replica makes it.
        if (((await client.query('SELECT 1 FROM notebooks WHERE id = $1 FOR UPDATE', [notebookId])).rowCount ?? 0) === 0) throw notebookNotFound(notebookId);
        const hash = contentHash(file.bytes);
        const stored = await client.query<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM notebook_sources WHERE notebook_id = $1 AND hash = $2`, [notebookId, hash]);
        if (stored.rows[0]) return { source: sourceOf(stored.rows[0]), added: false };
        const name = storable(file.name);
        await client.query('DELETE FROM notebook_sources WHERE notebook_id = $1 AND name = $2', [notebookId, name]);
        const addedAt = new Date().toISOString();
        await client.query('INSERT INTO notebook_sources (notebook_id, hash, name, content, bytes, warnings, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [notebookId, hash, name, file.bytes, file.bytes.length, storableJson(warnings), addedAt]);
        await announce(client, notebookId);
        return { source: { id: hash, name, bytes: file.bytes.length, addedAt, warnings }, added: true };
      }),
    removeSource: (notebookId, sourceId) =>
      db.transaction(async (client) => {
        if (((await client.query('DELETE FROM notebook_sources WHERE notebook_id = $1 AND hash = $2', [notebookId, sourceId])).rowCount ?? 0) === 0) return false;
        await announce(client, notebookId);
        return true;
      }),
    async sources(notebookId) {
      const { rows } = await db.query<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM notebook_sources WHERE notebook_id = $1 ORDER BY name COLLATE "C", hash`, [notebookId]);
      return rows.map(sourceOf);
    },
    async sourceFiles(notebookId) {
      const { rows } = await db.query<{ name: string; content: Buffer }>('SELECT name, content FROM notebook_sources WHERE notebook_id = $1 ORDER BY name COLLATE "C", hash', [notebookId]);
      return rows.map((row) => ({ name: row.name, bytes: row.content }));
    },
    setWarnings: (notebookId, warnings) =>
      db.transaction(async (client) => {
        for (const [hash, list] of warnings) await client.query('UPDATE notebook_sources SET warnings = $1 WHERE notebook_id = $2 AND hash = $3', [storableJson(list), notebookId, hash]);
      }),
    attachSession: (sessionId, notebookId) =>
      db.transaction(async (client) => {
        if (!(await notebookExists(client, notebookId))) throw notebookNotFound(notebookId);
        if (((await client.query('SELECT 1 FROM sessions WHERE id = $1', [sessionId])).rowCount ?? 0) === 0) throw new StoreError('session_not_found', `no session ${sessionId}: start a new conversation.`);
        await client.query('INSERT INTO notebook_sessions (session_id, notebook_id) VALUES ($1, $2) ON CONFLICT (session_id) DO NOTHING', [sessionId, notebookId]);
      }),
    async notebookOfSession(sessionId) {
      const { rows } = await db.query<{ notebook_id: string }>('SELECT notebook_id FROM notebook_sessions WHERE session_id = $1', [sessionId]);
      return rows[0]?.notebook_id;
    },
  };
}
