/**
 * The deployments the server benchmark compares, each as real processes on loopback: one replica
 * on a SQLite file, one on PostgreSQL, and three on PostgreSQL behind nginx (docs/deploy.md).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNginxBalancer } from '../test/support/nginx-balancer';
import type { TestPostgres } from '../test/support/postgres';
import { postmasterPid, processTreeCpuMs } from './process-cpu';
import { startServeProcess } from './serve-process';

export interface CpuByPart {
  replicas?: number;
  postgres?: number;
  nginx?: number;
}

export interface Deployment {
  name: string;
  wsUrl: string;
  /** CPU milliseconds its processes have used, by part: the replicas with their threads, PostgreSQL, nginx. */
  cpuMs(): CpuByPart;
  stop(): Promise<void>;
}

/** Room for a classroom from one address (the load generator's), which is what the limits count. */
const serveArgs = (connections: number) => ['--max-connections-per-address', String(connections)];

export async function sqliteDeployment(connections: number): Promise<Deployment> {
  const db = join(mkdtempSync(join(tmpdir(), 'loss-tutor-bench-')), 'bench.db');
  const server = await startServeProcess(['--db', db, ...serveArgs(connections)]);
  return { name: 'SQLite, 1 replica', wsUrl: `${server.url.replace('http', 'ws')}/ws`, cpuMs: () => ({ replicas: processTreeCpuMs([server.pid]) }), stop: server.stop };
}

/** On a fresh database of `postgres`; `replicas` server processes, behind nginx when more than one. */
export async function postgresDeployment(postgres: TestPostgres, replicas: number, connections: number): Promise<Deployment> {
  const db = await postgres.createDatabase();
  const servers = await Promise.all(Array.from({ length: replicas }, () => startServeProcess(['--db', db, '--trust-proxy', 'loopback', ...serveArgs(connections)])));
  const nginx = replicas > 1 ? await startNginxBalancer(servers.map((server) => new URL(server.url).host)) : undefined;
  const postmaster = postmasterPid(Number(new URL(db).port));
  return {
    name: replicas > 1 ? `PostgreSQL, ${replicas} replicas behind nginx` : 'PostgreSQL, 1 replica',
    wsUrl: nginx?.wsUrl ?? `${servers[0]!.url.replace('http', 'ws')}/ws`,
    // A part not found is left out (n/a), never counted as zero.
    cpuMs: () => ({
      replicas: processTreeCpuMs(servers.map((server) => server.pid)),
      ...(postmaster ? { postgres: processTreeCpuMs([postmaster]) } : {}),
      ...(nginx ? { nginx: processTreeCpuMs([nginx.pid]) } : {}),
    }),
    stop: async () => {
      await nginx?.stop();
      await Promise.all(servers.map((server) => server.stop()));
    },
  };
}
