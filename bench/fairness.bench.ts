/**
 * Fairness under load: a real server process (`loss-tutor serve`, default engine threads), 10
 * connections each sending a heavy but legal question (sixty numbered questions in 3,990
 * characters, each part its own search and calculation: the heaviest legal question found since a
 * term said many times is searched once) the moment the previous one is answered, with the frame
 * rate limit raised so that they may, and one learner asking
 * "What is MSE?" every 100 ms. The learner's latency is measured once with the threads taking
 * questions in arrival order (`--turn-order fifo`, how the pool worked before) and once taking turns
 * between connections (`fair`, the default), in the same run, over the questions sent in a 20 s
 * window that opens after a 5 s warm-up once every connection has had an answer. Goal: the
 * learner's p99 under 200 ms with `fair`. The machine's load average is printed beside: the tutor
 * threads share the cores with whatever else runs. So the same learner is also measured alone on a
 * server of its own (`alone`): what is left of its latency there is the machine's, not the queue's.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { ms, percentile, printTable } from './measure';

const HEAVY_CONNECTIONS = 10;
const LOSSES = ['huber', 'mse', 'mae', 'focal', 'hinge', 'log-cosh', 'bce', 'smooth l1'];
const HEAVY = Array.from({ length: 60 }, (_, i) => `${i + 1}. what is the ${LOSSES[i % 8]} loss of ${i},${i + 1},${i + 2} vs ${i + 1},${i},${i + 3}?`)
  .join(' ')
  .slice(0, 3990);
const LIGHT = 'What is MSE?';
const LIGHT_PAUSE_MS = 100;
const WARMUP_MS = 5_000;
const MEASURE_MS = 20_000;

interface Phase {
  /** The turn order, and "alone" when the learner is the only connection. */
  order: string;
  lightLatencies: number[];
  heavyAnswers: number;
  errors: number;
}

async function serve(order: string): Promise<{ wsUrl: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'loss-tutor-fairness-'));
  const args = ['-r', 'ts-node/register/transpile-only', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--db', join(dir, 'bench.db'), '--log-level', 'warn', '--turn-order', order, '--frames-per-second', '1000', '--burst-frames', '1000'];
  const child = spawn(process.execPath, args, { cwd: join(__dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
  return {
    wsUrl: `${url.replace('http', 'ws')}/ws`,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

interface Asker {
  /** Answers (and errors) so far. */
  replies: () => number;
  stop: () => void;
}

/**
 * A connection that asks `text` again each time an answer (or error) comes back, after `pauseMs`.
 * `onReply` hears of each reply with the latency and when its question was sent.
 */
function asker(wsUrl: string, text: string, pauseMs: number, onReply: (latencyMs: number, sentAt: number, isError: boolean) => void): Asker {
  const socket = new WebSocket(wsUrl);
  let stopped = false;
  let asked = 0;
  let replies = 0;
  let sentAt = 0;
  const ask = () => {
    if (stopped || socket.readyState !== WebSocket.OPEN) return;
    sentAt = performance.now();
    socket.send(JSON.stringify({ type: 'ask', id: `q${asked++}`, text }));
  };
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { type?: string };
    if (frame.type === 'welcome') return ask();
    if (frame.type !== 'answer' && frame.type !== 'error') return;
    replies += 1;
    onReply(performance.now() - sentAt, sentAt, frame.type === 'error');
    setTimeout(ask, pauseMs);
  });
  socket.on('error', () => onReply(0, performance.now(), true));
  return {
    replies: () => replies,
    stop: () => {
      stopped = true;
      socket.close();
    },
  };
}

async function phase(order: string, heavyConnections = HEAVY_CONNECTIONS): Promise<Phase> {
  const server = await serve(order);
  const result: Phase = { order: heavyConnections === 0 ? 'alone' : order, lightLatencies: [], heavyAnswers: 0, errors: 0 };
  // Only questions sent inside the window count. It opens once every connection has had an answer:
  // until each has used some thread time, new connections are taken in arrival order.
  let window = { from: Infinity, to: Infinity };
  const inWindow = (sentAt: number) => sentAt >= window.from && sentAt < window.to;
  const heavy = Array.from({ length: heavyConnections }, () =>
    asker(server.wsUrl, HEAVY, 0, (_latency, sentAt, isError) => {
      if (!inWindow(sentAt)) return;
      if (isError) result.errors += 1;
      else result.heavyAnswers += 1;
    }),
  );
  const light = asker(server.wsUrl, LIGHT, LIGHT_PAUSE_MS, (latency, sentAt, isError) => {
    if (!inWindow(sentAt)) return;
    if (isError) result.errors += 1;
    else result.lightLatencies.push(latency);
  });
  const everyone = [...heavy, light];
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  while (everyone.some((connection) => connection.replies() === 0)) await new Promise((resolve) => setTimeout(resolve, 100));
  const from = performance.now();
  window = { from, to: from + MEASURE_MS };
  // The window's last questions are waited for, as long as the slowest answer in the window took.
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  await new Promise((resolve) => setTimeout(resolve, Math.max(1000, ...result.lightLatencies)));
  for (const connection of everyone) connection.stop();
  await server.stop();
  return result;
}

export async function run(): Promise<void> {
  const load = loadavg()[0]!;
  const phases = [await phase('fifo'), await phase('fair'), await phase('fair', 0)];
  process.stdout.write(`${HEAVY_CONNECTIONS} connections sending ${HEAVY.length}-character questions back to back, one learner asking "${LIGHT}" every ${LIGHT_PAUSE_MS} ms; ${MEASURE_MS / 1000} s measured after ${WARMUP_MS / 1000} s; goal: the learner's p99 < 200 ms with fair ("alone": the learner with no other connection, the machine's share). Load average before: ${load.toFixed(1)}, after: ${loadavg()[0]!.toFixed(1)}\n\n`);
  printTable(
    ['turn order', 'learner answers', 'learner p50 ms', 'learner p90 ms', 'learner p99 ms', 'learner max ms', 'heavy answers', 'errors'],
    phases.map((p) => [p.order, p.lightLatencies.length, ms(percentile(p.lightLatencies, 50)), ms(percentile(p.lightLatencies, 90)), ms(percentile(p.lightLatencies, 99)), ms(Math.max(...p.lightLatencies)), p.heavyAnswers, p.errors]),
  );
}
