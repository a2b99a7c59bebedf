import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openPostgresDatabase } from '../../src/store/postgres-database';
import { postgresMigrations } from '../../src/store/postgres-migrations';
import { postgresSessionStore } from '../../src/store/postgres-store';
import { openStores } from '../../src/store/open-store';
import { postgresAvailable, startTestPostgres, type TestPostgres } from '../support/postgres';
import { runNotebookChangesContract } from './notebook-changes-contract';
import { runNotebookStoreContract } from './notebook-store-contract';
import { runStoreContract } from './store-contract';
import { runStoreDurabilityContract } from './store-durability-contract';
import { runStudyStoreContract } from './study-store-contract';

const available = postgresAvailable();
const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text) });

async function waitFor(done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
let server: TestPostgres;

describe.runIf(available)('PostgreSQL', () => {
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 120_000);
  afterAll(async () => server?.stop(), 60_000);

  runStoreContract('PostgreSQL', async () => {
    const url = await server.createDatabase();
    const open = async () => postgresSessionStore(await openPostgresDatabase(url));
    return { store: await open(), reopen: open };
  });

  runStoreDurabilityContract('PostgreSQL', {
    fresh: () => server.createDatabase(),
    steps: postgresMigrations.length,
    async atVersion(steps) {
      const location = await server.createDatabase();
      const client = new pg.Client({ connectionString: location });
      await client.connect();
      // The bookkeeping openPostgresDatabase keeps, as a database migrated by an older loss-tutor has it.
      await client.query('CREATE TABLE loss_tutor_schema (version INTEGER NOT NULL)');
      await client.query('INSERT INTO loss_tutor_schema (version) VALUES ($1)', [steps]);
      for (const step of postgresMigrations.slice(0, steps)) await client.query(step);
      return {
        location,
        insert: async (table, row) => void (await client.query(`INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row))),
        close: () => client.end(),
      };
    },
    async version(location) {
      const client = new pg.Client({ connectionString: location });
      await client.connect();
      try {
        return (await client.query<{ version: number }>('SELECT version FROM loss_tutor_schema')).rows[0]!.version;
      } finally {
        await client.end();
      }
    },
  });

  runNotebookStoreContract('PostgreSQL', async () => {
    const url = await server.createDatabase();
    return { stores: await openStores(url), reopen: () => openStores(url) };
  });

  runNotebookChangesContract('PostgreSQL', async () => {
    const url = await server.createDatabase();
    return { stores: await openStores(url), reopen: () => openStores(url) };
  });

  describe('notebook changes', () => {
    it('are heard again after the listening connection is cut, every kept notebook called stale first', async () => {
      const url = await server.createDatabase();
      const [maker, replica] = [await openStores(url), await openStores(url)];
      try {
        const heard: (string | undefined)[] = [];
        await replica.notebookChanges.listen((id) => heard.push(id));
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        const { rows } = await admin.query<{ cut: boolean }>("SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");
        expect(rows).toEqual([{ cut: true }]);
        await waitFor(() => heard.includes(undefined));
        const notebook = await maker.notebooks.createNotebook('after the cut');
        await maker.notebooks.addSource(notebook.id, file('Dice.md', '# Dice loss'), []);
        await waitFor(() => heard.includes(notebook.id));
        await admin.end();
      } finally {
        await replica.close();
        await maker.close();
      }
    });
  });

  runStudyStoreContract('PostgreSQL', async () => {
    const url = await server.createDatabase();
    return { stores: await openStores(url), reopen: () => openStores(url) };
  });

  describe('migrations', () => {
    it('migrate once when several replicas start together, and record the schema version', async () => {
      const url = await server.createDatabase();
      const replicas = await Promise.all(Array.from({ length: 4 }, () => openStores(url)));
      const session = await replicas[0]!.sessions.createSession();
      expect(await replicas[3]!.sessions.getSession(session.id)).toBeDefined();
      await Promise.all(replicas.map((r) => r.close()));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query('SELECT version FROM loss_tutor_schema');
      await client.end();
      expect(rows).toEqual([{ version: postgresMigrations.length }]);
    });

    it('refuse a database written by a newer loss-tutor, naming the fix', async () => {
      const url = await server.createDatabase();
      await (await openStores(url)).close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('UPDATE loss_tutor_schema SET version = 99');
      await client.end();
      await expect(openStores(url)).rejects.toMatchObject({ code: 'database_newer', message: expect.stringMatching(/newer loss-tutor.*upgrade loss-tutor/) });
    });

    it('name an unreachable server and a missing database as StoreErrors, without the password', async () => {
      const missing = new URL(await server.createDatabase());
      missing.pathname = '/no_such_database';
      await expect(openStores(missing.toString())).rejects.toMatchObject({ code: 'database_unopenable', message: expect.stringMatching(/does not exist/) });
      await expect(openStores('postgres://someone:secret@127.0.0.1:1/x')).rejects.toMatchObject({ code: 'database_io', message: expect.not.stringContaining('secret') });
    });
  });
});
