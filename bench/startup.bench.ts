/**
 * Start-up and idle memory: `loss-tutor serve` (built, as installed) beside the minimal server
 * (bench/minimal-server: the same notes read, raw MiniSearch over their text, Express + ws, no
 * cache), over the bundled notes and over 10,000 notes. Each start is timed from spawning the
 * process to the first WebSocket connection it accepts, and on to the answer to a first question
 * asked at once (ours accepts while its tutor threads open their index; that question waits for
 * them). Each server first starts once unmeasured, so the caches are warm (ours: parsed notes and
 * index; the disk's for both), then three measured starts each, taking turns. After each start
 * the client disconnects and the process's resident memory (every thread) is read once it has
 * stopped moving. Goals: start-up ≤ 1.5x the minimal server, and with 10,000 notes idle RSS ≤ 1.5x.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { writeCopiedNotes } from './copied-notes';
import { median, ms, printTable, ratio } from './measure';
import { transpiledBuild } from './transpiled-build';

const NOTES = 10_000;
const RUNS = 3;

interface Start {
  ms: number;
  answerMs: number;
  rssMb: number;
}

interface Server {
  name: string;
  /** The command line for one start over `notes`, given a folder of its own to keep between starts. */
  args(notes: string, home: string): string[];
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the server exited with code ${code} before listening: ${err.trim()}`)));
  });
}

/** The socket once open, and the answer to a question asked as soon as the server welcomes it. */
function connected(url: string): Promise<{ socket: WebSocket; answered: Promise<void> }> {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/ws`);
  // Listening from the start: the welcome may arrive in the same read as the handshake.
  const answered = new Promise<void>((resolve, reject) => {
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { type?: string };
      if (frame.type === 'welcome') socket.send(JSON.stringify({ type: 'ask', id: 'q1', text: 'what is focal loss?' }));
      else if (frame.type === 'answer') resolve();
      else if (frame.type === 'error') reject(new Error(`the server answered with an error: ${data.toString()}`));
    });
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, answered }));
    socket.once('error', reject);
  });
}

const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

/** Resident memory once two readings half a second apart differ by under 1%, or after 15 s. */
async function settledRssMb(pid: number): Promise<number> {
  let previous = rssMb(pid);
  for (let waited = 0; waited < 15_000; waited += 500) {
    await sleep(500);
    const now = rssMb(pid);
    if (Math.abs(now - previous) < previous * 0.01) return now;
    previous = now;
  }
  return previous;
}

async function start(server: Server, notes: string, home: string): Promise<Start> {
  const began = performance.now();
  const child = spawn(process.execPath, server.args(notes, home), { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const { socket, answered } = await connected(await listeningUrl(child));
    const startMs = performance.now() - began;
    await answered;
    const answerMs = performance.now() - began;
    socket.close();
    return { ms: startMs, answerMs, rssMb: await settledRssMb(child.pid!) };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const spread = (values: number[], format: (value: number) => string): string => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${format(sorted[0]!)} / ${format(median(sorted))} / ${format(sorted[sorted.length - 1]!)}`;
};

export async function run(): Promise<void> {
  const build = transpiledBuild();
  const work = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  try {
    const servers: Server[] = [
      { name: 'loss-tutor serve', args: (notes, home) => [build.cli, 'serve', '--port', '0', '--kb', notes, '--db', join(home, 'loss-tutor.db'), '--log-level', 'warn'] },
      { name: 'minimal server', args: (notes) => [build.minimalServer, notes] },
    ];
    const noteSets = [
      { name: 'bundled notes', dir: join(__dirname, '../knowledge') },
      { name: `${NOTES.toLocaleString('en')} notes`, dir: join(work, 'notes') },
    ];
    writeCopiedNotes(noteSets[1]!.dir, NOTES);
    const rows: (string | number)[][] = [];
    const ratios: string[] = [];
    for (const [s, set] of noteSets.entries()) {
      const starts = servers.map(() => [] as Start[]);
      const homes = servers.map((_, i) => join(work, `home-${s}-${i}`));
      for (const [i, server] of servers.entries()) await start(server, set.dir, homes[i]!);
      for (let runNumber = 0; runNumber < RUNS; runNumber++) {
        for (const [i, server] of servers.entries()) starts[i]!.push(await start(server, set.dir, homes[i]!));
      }
      for (const [i, server] of servers.entries()) {
        const measured = starts[i]!;
        rows.push([set.name, server.name, spread(measured.map((m) => m.ms), ms), spread(measured.map((m) => m.answerMs), ms), spread(measured.map((m) => m.rssMb), (v) => v.toFixed(0))]);
      }
      const [ours, minimal] = starts.map((measured) => ({ ms: median(measured.map((m) => m.ms)), answerMs: median(measured.map((m) => m.answerMs)), rss: median(measured.map((m) => m.rssMb)) }));
      ratios.push(`${set.name}: start-up ${ratio(ours!.ms / minimal!.ms)}, first answer ${ratio(ours!.answerMs / minimal!.answerMs)}, idle RSS ${ratio(ours!.rss / minimal!.rss)} (medians)`);
    }
    process.stdout.write(`Warm starts, ${RUNS} each; min / median / max. ${availableParallelism()} cores (loss-tutor's default tutor threads follow). Goals: start-up ≤ 1.50x the minimal server; idle RSS with ${NOTES.toLocaleString('en')} notes ≤ 1.50x.\n\n`);
    printTable(['notes', 'server', 'spawn to first accepted WebSocket (ms)', 'spawn to first answer (ms)', 'idle RSS (MB)'], rows);
    process.stdout.write(`\n${ratios.join('\n')}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(build.dir, { recursive: true, force: true });
  }
}
