/**
 * A load run: 100 concurrent WebSocket clients × 20 questions each against the real server, beside
 * a bare ws echo server driven the same way in the same run. Each server first takes unmeasured
 * runs of the same shape, so that both are measured warm (JIT-compiled), as a server is once it has
 * been up a while, then three measured ones. Goals: zero errors and at least 0.25x the echo server's
 * turns per second. Then the same load against deployments as server processes: SQLite, PostgreSQL
 * with one replica, and three replicas on PostgreSQL behind nginx (skipped without PostgreSQL and
 * nginx), with p50/p99 and the deployment's CPU per turn.
 */
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { bundledClientDir, bundledKnowledgeDir } from '../src/cli/io';
import { startServer } from '../src/server/server';
import { ms, percentile, printTable, ratio } from './measure';
import { postgresAvailable, startTestPostgres } from '../test/support/postgres';
import { nginxAvailable } from '../test/support/nginx-balancer';
import { postgresDeployment, sqliteDeployment, type CpuByPart, type Deployment } from './deployments';
import { threadCpuMs } from './process-cpu';

const CLIENTS = 100;
const QUESTIONS = 20;
const questions = [
  'what is focal loss?',
  'What is the MSE of targets 200000, 250000, 300000 and predictions 210000, 240000, 310000?',
  "I'm least confident about item #35. 1. How do weighted losses work? 2. How do the weights change training?",
  'how does label smoothing change calibration?',
  'compute huber loss with delta 1 for targets [1, 2, 3] and predictions [1.5, 2, 6]',
];

interface LoadResult {
  turns: number;
  errors: number;
  seconds: number;
  latencies: number[];
  /** CPU time of the whole process (every thread, user and system) per turn, clients included. */
  cpuMsPerTurn: number;
  /** The part of it on the main thread (server and clients; the tutor has threads of its own), where /proc tells. */
  mainThreadCpuMsPerTurn?: number;
  /** A deployment's CPU per turn by part (its server processes, PostgreSQL, nginx), the load generator apart. */
  serverCpuMsPerTurn?: CpuByPart;
}

/** Each client asks its questions one after another; the answer frame ends a turn. */
async function drive(url: string, isAnswer: (frame: { type?: string }) => boolean, serverCpuMs?: () => CpuByPart): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const serverCpuBefore = serverCpuMs?.();
  const cpuBefore = process.cpuUsage();
  const mainCpuBefore = threadCpuMs(process.pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, (_, c) =>
      new Promise<void>((resolve) => {
        const socket = new WebSocket(url);
        let asked = 0;
        let sentAt = 0;
        const ask = () => {
          sentAt = performance.now();
          socket.send(JSON.stringify({ type: 'ask', id: `c${c}-${asked}`, text: questions[(c + asked) % questions.length] }));
        };
        socket.on('message', (data) => {
          const frame = JSON.parse(data.toString()) as { type?: string };
          if (frame.type === 'error') errors += 1;
          if (frame.type === 'welcome') return ask();
          if (!isAnswer(frame) && frame.type !== 'error') return;
          latencies.push(performance.now() - sentAt);
          asked += 1;
          if (asked < QUESTIONS) ask();
          else socket.close();
        });
        socket.on('error', () => (errors += 1));
        socket.on('close', () => resolve());
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const mainCpuAfter = threadCpuMs(process.pid);
  const result: LoadResult = { turns: latencies.length, errors, seconds, latencies, cpuMsPerTurn: (cpu.user + cpu.system) / 1000 / latencies.length };
  if (mainCpuBefore !== undefined && mainCpuAfter !== undefined) result.mainThreadCpuMsPerTurn = (mainCpuAfter - mainCpuBefore) / latencies.length;
  const serverCpuAfter = serverCpuMs?.();
  if (serverCpuBefore && serverCpuAfter) {
    const parts = Object.keys(serverCpuAfter) as (keyof CpuByPart)[];
    result.serverCpuMsPerTurn = Object.fromEntries(parts.flatMap((part) => {
      const before = serverCpuBefore[part];
      const after = serverCpuAfter[part];
      return before === undefined || after === undefined ? [] : [[part, (after - before) / latencies.length]];
    }));
  }
  return result;
}

/**
 * Five unmeasured drives for the JIT, then the median of three measured ones by turns per second:
 * a drive of 2,000 echoes lasts a tenth of a second, short enough for one hiccup to move it. After
 * one warm-up drive V8 was still optimising the tutor's code on a thread of its own, 50-100 us of
 * CPU per turn; after five, 5-20 us, as in a server that has been up a while.
 */
async function measuredDrive(url: string): Promise<LoadResult> {
  const isAnswer = (frame: { type?: string }) => frame.type === 'answer';
  for (let i = 0; i < 5; i++) await drive(url, isAnswer);
  const drives: LoadResult[] = [];
  for (let i = 0; i < 3; i++) drives.push(await drive(url, isAnswer));
  return drives.sort((a, b) => a.turns / a.seconds - b.turns / b.seconds)[1]!;
}

/** The baseline: a ws server that answers each frame with one echo, nothing else. */
async function echoRun(): Promise<LoadResult> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (socket) => {
    socket.send(JSON.stringify({ type: 'welcome' }));
    socket.on('message', (data) => socket.send(JSON.stringify({ type: 'answer', echo: data.toString() })));
  });
  const { port } = wss.address() as { port: number };
  const result = await measuredDrive(`ws://127.0.0.1:${port}`);
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  return result;
}

async function tutorRun(): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'loss-tutor-bench-'));
  const server = await startServer({
    port: 0,
    kbDir: bundledKnowledgeDir,
    clientDir: bundledClientDir,
    dbFile: join(dir, 'bench.db'),
    cacheDir: join(dir, 'cache'),
    logLevel: 'silent',
    limits: { connectionsPerAddress: CLIENTS },
  });
  const result = await measuredDrive(`${server.url.replace('http', 'ws')}/ws`);
  await server.close();
  return result;
}

/**
 * One deployment under the same classroom load: two unmeasured drives (each replica's JIT warms on
 * its share), then one measured. Fewer than the in-process run's: every drive here costs seconds.
 */
async function deploymentRun(deployment: Deployment): Promise<LoadResult> {
  const isAnswer = (frame: { type?: string }) => frame.type === 'answer';
  try {
    for (let i = 0; i < 2; i++) await drive(deployment.wsUrl, isAnswer);
    return await drive(deployment.wsUrl, isAnswer, () => deployment.cpuMs());
  } finally {
    await deployment.stop();
  }
}

async function deploymentRuns(): Promise<void> {
  const results: [string, LoadResult][] = [];
  const sqlite = await sqliteDeployment(CLIENTS);
  results.push([sqlite.name, await deploymentRun(sqlite)]);
  if (postgresAvailable() && nginxAvailable()) {
    const postgres = await startTestPostgres();
    try {
      for (const replicas of [1, 3]) {
        const deployment = await postgresDeployment(postgres, replicas, CLIENTS);
        results.push([deployment.name, await deploymentRun(deployment)]);
      }
    } finally {
      await postgres.stop();
    }
  }
  process.stdout.write(`\n### deployments: the same ${CLIENTS} clients × ${QUESTIONS} questions against server processes\n\n`);
  printTable(
    ['deployment', 'turns', 'errors', 'turns/s', 'p50 ms', 'p99 ms', 'CPU ms/turn: replicas', 'PostgreSQL', 'nginx', 'all', 'load generator'],
    results.map(([name, r]) => {
      const cpu = r.serverCpuMsPerTurn ?? {};
      const cell = (value: number | undefined) => value?.toFixed(3) ?? '–';
      return [name, r.turns, r.errors, (r.turns / r.seconds).toFixed(0), ms(percentile(r.latencies, 50)), ms(percentile(r.latencies, 99)), cell(cpu.replicas), cell(cpu.postgres), cell(cpu.nginx), cell((cpu.replicas ?? 0) + (cpu.postgres ?? 0) + (cpu.nginx ?? 0)), r.cpuMsPerTurn.toFixed(3)];
    }),
  );
  process.stdout.write(
    `\nServer CPU counts every process of the deployment (replicas with their tutor threads, PostgreSQL's backends, nginx), not the load generator. ` +
      `On this machine every process shares the same ${availableParallelism()} cores, so three replicas cannot answer faster than one: ` +
      `the rows show what a turn costs in each deployment and what nginx and PostgreSQL add to it, not how throughput grows with machines.\n`,
  );
}

export async function run(): Promise<void> {
  const echo = await echoRun();
  const tutor = await tutorRun();
  const row = (name: string, r: LoadResult) => [
    name, r.turns, r.errors, (r.turns / r.seconds).toFixed(0), ms(percentile(r.latencies, 50)), ms(percentile(r.latencies, 99)),
    r.cpuMsPerTurn.toFixed(3), r.mainThreadCpuMsPerTurn?.toFixed(3) ?? 'n/a',
  ];
  process.stdout.write(`${CLIENTS} concurrent clients × ${QUESTIONS} questions; goals: zero errors, ≥ 0.25x the echo server's turns per second\n\n`);
  printTable(['server', 'turns', 'errors', 'turns/s', 'p50 ms', 'p99 ms', 'CPU ms/turn', 'main thread CPU ms/turn'], [row('loss-tutor', tutor), row('bare ws echo', echo)]);
  process.stdout.write(`\nthroughput ratio: ${ratio(tutor.turns / tutor.seconds / (echo.turns / echo.seconds))}\n`);
  await deploymentRuns();
}
