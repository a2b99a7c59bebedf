/**
 * A load run: 100 concurrent WebSocket clients × 20 questions each against the real server, beside
 * a bare ws echo server driven the same way in the same run. Each server first takes unmeasured
 * runs of the same shape, so that both are measured warm (JIT-compiled), as a server is once it has
 * been up a while, then three measured ones. Goals: zero errors and at least 0.25x the echo server's
 * turns per second.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { bundledClientDir, bundledKnowledgeDir } from '../src/cli/io';
import { startServer } from '../src/server/server';
import { ms, percentile, printTable, ratio } from './measure';

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
}

const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
  } catch {
    return undefined;
  }
})();

/**
 * CPU milliseconds the main thread has used, from /proc (Linux only). It is what bounds the load run
 * once it is always busy, so the table shows it beside the whole process's CPU.
 */
function mainThreadCpuMs(): number | undefined {
  if (!clockTicksPerSecond) return undefined;
  try {
    // The fields after the command name: utime and stime are the 12th and 13th, in clock ticks.
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}

/** Each client asks its questions one after another; the answer frame ends a turn. */
async function drive(url: string, isAnswer: (frame: { type?: string }) => boolean): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const cpuBefore = process.cpuUsage();
  const mainCpuBefore = mainThreadCpuMs();
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
  const mainCpuAfter = mainThreadCpuMs();
  const result: LoadResult = { turns: latencies.length, errors, seconds, latencies, cpuMsPerTurn: (cpu.user + cpu.system) / 1000 / latencies.length };
  if (mainCpuBefore !== undefined && mainCpuAfter !== undefined) result.mainThreadCpuMsPerTurn = (mainCpuAfter - mainCpuBefore) / latencies.length;
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
}
