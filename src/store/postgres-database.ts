import pg from 'pg';
import { postgresMigrations } from './postgres-migrations';
import { StoreError } from './store-error';

/** Any fixed number: replicas starting together take this advisory lock, so one of them migrates. */
const MIGRATION_LOCK = 0x6c6f7373;

/** The server's own words for a PostgreSQL failure; an error that is not the server's is returned as it is. */
export function postgresFailure(error: unknown): StoreError | undefined {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  if (code === '53100') return new StoreError('database_full', "the server's PostgreSQL database is out of disk space: the operator must free space on the database host");
  if (code === '25006') return new StoreError('database_readonly', "the server's PostgreSQL database is read-only (a standby?): point --db at the primary");
  if (code === '28P01' || code === '28000') return new StoreError('database_unopenable', 'PostgreSQL refused the user or password in the database URL: check --db (or LOSS_TUTOR_DATABASE_URL)');
  if (code === '3D000') return new StoreError('database_unopenable', 'the database named in the URL does not exist on that PostgreSQL server: create it (createdb) or fix --db');
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'ECONNRESET' || code.startsWith('57P') || code.startsWith('08')) {
    return new StoreError('database_io', "the server's PostgreSQL database cannot be reached: try again shortly");
  }
  if (/^[0-9A-Z]{5}$/.test(code)) return new StoreError('database_io', `the server's PostgreSQL database failed (${code}): try again shortly`);
  return undefined;
}

function rejectAsStoreError(error: unknown): never {
  throw postgresFailure(error) ?? error;
}

export type Queryable = Pick<pg.PoolClient, 'query'>;

export interface PostgresDatabase {
  /** One statement outside a transaction. */
  query<Row extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<pg.QueryResult<Row>>;
  /** `work` in one transaction, committed before the promise resolves, rolled back if it throws. */
  transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function migrate(pool: pg.Pool, url: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS loss_tutor_schema (version INTEGER NOT NULL)');
    await client.query('INSERT INTO loss_tutor_schema (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM loss_tutor_schema)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM loss_tutor_schema');
    const version = rows[0]!.version;
    if (version > postgresMigrations.length) {
      throw new StoreError('database_newer', `${safeUrl(url)} was written by a newer loss-tutor (schema ${version}, this one knows ${postgresMigrations.length}): upgrade loss-tutor or use another database.`);
    }
    for (let step = version; step < postgresMigrations.length; step++) {
      await client.query('BEGIN');
      await client.query(postgresMigrations[step]!);
      await client.query('UPDATE loss_tutor_schema SET version = $1', [step + 1]);
      await client.query('COMMIT');
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** The URL without its password, for messages and logs. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the database URL';
  }
}

/**
 * A pool of connections to one PostgreSQL database, its schema migrated. Each write is its own
 * transaction: the server batches nothing itself, and PostgreSQL's own group commit (commit_delay)
 * is the operator's to tune.
 */
export async function openPostgresDatabase(url: string, options: { maxConnections?: number } = {}): Promise<PostgresDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle connection the server drops (a restart, a failover) must not kill the process.
  pool.on('error', () => undefined);
  try {
    await migrate(pool, url);
  } catch (error) {
    await pool.end().catch(() => undefined);
    rejectAsStoreError(error);
  }
  let closed: Promise<void> | undefined;
  return {
    query: (sql, values) => pool.query(sql, values).catch(rejectAsStoreError),
    async transaction(work) {
      const client = await pool.connect().catch(rejectAsStoreError);
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        return rejectAsStoreError(error);
      } finally {
        client.release();
      }
    },
    close: () => (closed ??= pool.end()),
  };
}
