/**
 * Fairness under load: a real server process (`loss-tutor serve`, default engine threads), 10
 * connections each sending a heavy but legal question (3,999 characters of "1,1,…", the most
 * numbers one question may hold) the moment the previous one is answered, and one learner asking
 * "What is MSE?" every 100 ms. The learner's latency is measured once with the threads taking
 * questions in arrival order (`--turn-order fifo`, how the pool worked before) and once taking turns
 * between connections (`fair`, the default), in the same run. Goal: the learner's p99 under 200 ms
 * with `fair`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { ms, percentile, printTable } from './measure';

const HEAVY_CONNECTIONS = 10;
const HEAVY = `${'1,'.repeat(1999)}1`;
const LIGHT = 'What is MSE?';
const LIGHT_PAUSE_MS = 100;
const WARMUP_MS = 5_000;
const MEASURE_MS = 20_000;

interface Phase {
  order: string;
  lightLatencies: number[];
  heavyAnswers: number;
  errors: number;
}

async function serve(order: string): Promise<{ wsUrl: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'loss-tutor-fairness-'));
  const args = ['-r', 'ts-node/register/transpile-only', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--db', join(dir, 'bench.db'), '--log-level', 'warn', '--turn-order', order];
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

/** A connection that asks `text` again each time an answer (or error) comes back, after `pauseMs`. */
function asker(wsUrl: string, text: string, pauseMs: number, onReply: (latencyMs: number, isError: boolean) => void): { stop: () => void } {
  const socket = new WebSocket(wsUrl);
  let stopped = false;
  let asked = 0;
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
    onReply(performance.now() - sentAt, frame.type === 'error');
    setTimeout(ask, pauseMs);
  });
  socket.on('error', () => onReply(0, true));
  return {
    stop: () => {
      stopped = true;
      socket.close();
    },
  };
}

async function phase(order: string): Promise<Phase> {
  const server = await serve(order);
  const result: Phase = { order, lightLatencies: [], heavyAnswers: 0, errors: 0 };
  let measuring = false;
  const heavy = Array.from({ length: HEAVY_CONNECTIONS }, () =>
    asker(server.wsUrl, HEAVY, 0, (_latency, isError) => {
      if (!measuring) return;
      if (isError) result.errors += 1;
      else result.heavyAnswers += 1;
    }),
  );
  const light = asker(server.wsUrl, LIGHT, LIGHT_PAUSE_MS, (latency, isError) => {
    if (!measuring) return;
    if (isError) result.errors += 1;
    else result.lightLatencies.push(latency);
  });
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  measuring = true;
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  measuring = false;
  for (const connection of [...heavy, light]) connection.stop();
  await server.stop();
  return result;
}

export async function run(): Promise<void> {
  const phases = [await phase('fifo'), await phase('fair')];
  process.stdout.write(`${HEAVY_CONNECTIONS} connections sending ${HEAVY.length}-character questions back to back, one learner asking "${LIGHT}" every ${LIGHT_PAUSE_MS} ms; ${MEASURE_MS / 1000} s measured after ${WARMUP_MS / 1000} s; goal: the learner's p99 < 200 ms with fair\n\n`);
  printTable(
    ['turn order', 'learner answers', 'learner p50 ms', 'learner p99 ms', 'learner max ms', 'heavy answers', 'errors'],
    phases.map((p) => [p.order, p.lightLatencies.length, ms(percentile(p.lightLatencies, 50)), ms(percentile(p.lightLatencies, 99)), ms(Math.max(...p.lightLatencies)), p.heavyAnswers, p.errors]),
  );
}
