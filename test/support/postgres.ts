/**
 * A real PostgreSQL server for the tests: the one `.ci/run` started (LOSS_TUTOR_TEST_POSTGRES_URL,
 * an admin URL), or else a throwaway cluster from Debian's binaries in a temporary folder, on
 * loopback. Each caller gets a database of its own. Absent binaries skip the tests loudly on a
 * developer's machine and fail them in CI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

export interface TestPostgres {
  /** A new, empty database on the server, by URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const newest = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return newest && existsSync(join(root, newest, 'bin', 'initdb')) ? join(root, newest, 'bin') : undefined;
}

/** Whether these tests can run here; in CI a missing server is an error, never a skip. */
export function postgresAvailable(): boolean {
  if (process.env.LOSS_TUTOR_TEST_POSTGRES_URL || binDir()) return true;
  if (process.env.CI) throw new Error('PostgreSQL is not installed: .ci/run installs it with apt-get (postgresql); the PostgreSQL tests must run in CI');
  console.warn('\n*** PostgreSQL tests SKIPPED: install Debian\'s postgresql (apt-get install postgresql) to run them ***\n');
  return false;
}

/** initdb refuses to run as root: as root, the cluster belongs to the postgres user. */
function asServerUser(command: string, args: string[]): { command: string; args: string[] } {
  return process.getuid?.() === 0 ? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] } : { command, args };
}

function run(command: string, args: string[]): void {
  const wrapped = asServerUser(command, args);
  const result = spawnSync(wrapped.command, wrapped.args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout}`);
}

interface Cluster {
  adminUrl: string;
  /** The server stopped (fast: its connections cut), its data kept. */
  halt: () => void;
  /** The halted server started again, on its port. */
  resume: () => void;
  stop: () => void;
}

async function startCluster(bin: string): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'loss-tutor-pg-'));
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const data = join(dir, 'data');
  const port = await freePort();
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const start = () => run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c max_connections=200`, 'start']);
  start();
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    halt: () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']),
    resume: start,
    stop: () => {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A server of the test's own, even when CI shares one, for a test that stops and starts it. */
export interface OwnPostgres extends TestPostgres {
  /** Stops the server under whoever is connected (pg_ctl stop -m fast); its data stays. */
  halt(): void;
  /** Starts it again on the same port. */
  resume(): void;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = binDir();
  if (!bin) throw new Error('PostgreSQL is not installed: .ci/run installs it with apt-get (postgresql)');
  const cluster = await startCluster(bin);
  return { ...databasesOn(cluster, false), halt: cluster.halt, resume: cluster.resume };
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.LOSS_TUTOR_TEST_POSTGRES_URL;
  const bin = binDir();
  if (!given && !bin) throw new Error('no PostgreSQL: check postgresAvailable() first');
  return given ? databasesOn({ adminUrl: given, stop: () => undefined }, true) : databasesOn(await startCluster(bin!), false);
}

/** Databases made on the server; a server CI shares (`shared`) keeps running when they go. */
function databasesOn(cluster: Pick<Cluster, 'adminUrl' | 'stop'>, shared: boolean): TestPostgres {
  const created: string[] = [];
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: cluster.adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    async createDatabase() {
      const name = `loss_tutor_test_${randomBytes(6).toString('hex')}`;
      await admin(`CREATE DATABASE ${name}`);
      created.push(name);
      const url = new URL(cluster.adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      if (shared) for (const name of created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      cluster.stop();
    },
  };
}
