/**
 * What every store promises across processes and versions, run by each database's own test file:
 * two processes writing at once, a writer killed mid-stream, and a database left by each earlier
 * version of the schema. The migration test walks the implementation's own list of steps, so a
 * step appended later is covered without a change here.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStores, type Stores } from '../../src/store/open-store';
import type { HistoryEntry } from '../../src/store/store';
import { emptySessionState } from '../../src/tutor/session-state';

const root = join(__dirname, '../..');

/** A database as an older loss-tutor left it: built by the first `steps` migration steps only. */
export interface OlderDatabase {
  location: string;
  /** One row, written as that version wrote it (JSON columns given as JSON text). */
  insert(table: string, row: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export interface DurabilityTarget {
  /** A new, empty database, as `--db` names it. */
  fresh(): Promise<string>;
  /** How many migration steps this code knows. */
  steps: number;
  atVersion(steps: number): Promise<OlderDatabase>;
  /** The schema version the database records. */
  version(location: string): Promise<number>;
}

interface Writer {
  committed: string[];
  exited: Promise<number | null>;
  kill(): void;
  stderr(): string;
}

const children = new Set<() => void>();
afterAll(() => {
  for (const kill of children) kill();
});

function startWriter(job: { location: string; sessionId: string; prefix: string; count: number; inFlight: number; pauseMs?: number }, onCommit?: (committed: string[]) => void): Writer {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'test/support/turn-writer.ts', JSON.stringify(job)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const committed: string[] = [];
  let stderr = '';
  let partial = '';
  const kill = () => child.kill('SIGKILL');
  children.add(kill);
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (line.startsWith('committed ')) committed.push(line.slice('committed '.length));
    onCommit?.(committed);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => (children.delete(kill), resolve(code))));
  return { committed, exited, kill, stderr: () => stderr };
}

/** Every question is followed by its own answer, and nothing else is there: each turn whole or absent. */
function expectWholeTurns(history: HistoryEntry[]): string[] {
  expect(history.length % 2).toBe(0);
  const ids: string[] = [];
  for (let i = 0; i < history.length; i += 2) {
    const [question, reply] = [history[i]!, history[i + 1]!];
    expect(question.role).toBe('user');
    expect(reply.role).toBe('assistant');
    const id = question.role === 'user' ? question.id : '';
    expect(question.text).toBe(`question ${id}`);
    expect(reply).toMatchObject({ text: `answer ${id}`, citations: [{ item: 35 }] });
    ids.push(id);
  }
  return ids;
}

const numberOf = (id: string): number => Number(id.replace(/^\D+/, ''));

async function withStores<T>(location: string, work: (stores: Stores) => Promise<T>): Promise<T> {
  const stores = await openStores(location);
  try {
    return await work(stores);
  } finally {
    await stores.close();
  }
}

export function runStoreDurabilityContract(name: string, target: DurabilityTarget): void {
  describe(`the ${name} store across processes and versions`, () => {
    it('keeps every turn of two processes writing one session at once: none lost, each writer’s in its order, ids unique', async () => {
      const location = await target.fresh();
      await withStores(location, async (stores) => {
        const session = await stores.sessions.createSession();
        const count = 40;
        let started: () => void = () => undefined;
        const childWriting = new Promise<void>((resolve) => (started = resolve));
        const child = startWriter({ location, sessionId: session.id, prefix: 'b', count, inFlight: 2, pauseMs: 5 }, () => started());
        // This process writes once the other has begun, both pausing between turns, so the two really interleave.
        await childWriting;
        // One turn after another, as one conversation's turns come: these keep their order.
        for (let n = 0; n < count; n++) {
          await stores.sessions.recordTurn({ sessionId: session.id, question: { id: `a${n}`, text: `question a${n}` }, answer: { text: `answer a${n}`, citations: [{ item: 35, title: 'Weighted loss functions', source: 'en/035.md' }], calculations: [], clarify: false }, state: emptySessionState() });
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        expect(await child.exited, child.stderr()).toBe(0);
        const history = await stores.sessions.history(session.id);
        const ids = expectWholeTurns(history);
        expect(ids).toHaveLength(2 * count);
        expect(new Set(history.flatMap((entry) => (entry.role === 'assistant' ? [entry.messageId] : []))).size).toBe(2 * count);
        const ours = ids.filter((id) => id.startsWith('a'));
        expect(ours).toEqual(Array.from({ length: count }, (_, n) => `a${n}`));
        expect(new Set(ids.filter((id) => id.startsWith('b')))).toEqual(new Set(child.committed));
        expect(child.committed).toHaveLength(count);
        // They did interleave: the other process's turns are not all after (or all before) ours.
        const firstA = ids.findIndex((id) => id.startsWith('a'));
        expect(ids.slice(firstA).some((id) => id.startsWith('b'))).toBe(true);
      });
    }, 60_000);

    it('keeps each turn whole when its writer is killed with SIGKILL mid-stream, and opens cleanly after', async () => {
      const location = await target.fresh();
      const sessionId = await withStores(location, async (stores) => (await stores.sessions.createSession()).id);
      let kill: (() => void) | undefined;
      const child = startWriter({ location, sessionId, prefix: 'c', count: 100_000, inFlight: 8 }, (committed) => committed.length >= 30 && kill?.());
      kill = child.kill;
      expect(await child.exited).toBeNull();
      await withStores(location, async (stores) => {
        const history = await stores.sessions.history(sessionId);
        const ids = expectWholeTurns(history);
        // Every turn the writer was told was committed is there; ones in flight at the kill are whole or absent.
        for (const id of child.committed) expect(ids).toContain(id);
        expect(ids.length).toBeLessThan(100_000);
        // The state was written in the same transaction as the last turn in the history.
        expect((await stores.sessions.getSession(sessionId))?.state.topic).toBe(numberOf(ids.at(-1)!));
        const after = await stores.sessions.recordTurn({ sessionId, question: { id: 'after', text: 'after the crash' }, answer: { text: 'still here', citations: [], calculations: [], clarify: false }, state: emptySessionState() });
        expect((await stores.sessions.history(sessionId, 2)).map((entry) => entry.text)).toEqual(['after the crash', 'still here']);
        expect(after.messageId).toBeTruthy();
      });
    }, 60_000);

    for (let steps = 1; steps < target.steps; steps++) {
      it(`opens a database left at schema version ${steps} of ${target.steps}: its data kept, its version made current`, async () => {
        const older = await target.atVersion(steps);
        const at = '2025-01-01T00:00:00.000Z';
        // The first step's tables hold every version's conversations; later steps may only add to them.
        await older.insert('sessions', { id: 'older-session', created_at: at, state: JSON.stringify({ ...emptySessionState(), topic: 35, lastShown: [35] }) });
        await older.insert('messages', { session_id: 'older-session', role: 'user', message_id: null, client_id: 'q1', text: 'what is item 35?', body: null, at });
        await older.insert('messages', { session_id: 'older-session', role: 'assistant', message_id: 'older-answer', client_id: null, text: 'It is about weights.', body: JSON.stringify({ citations: [{ item: 35, title: 'Weighted loss functions', source: 'en/035.md' }], calculations: [], clarify: false }), at });
        if (steps >= 2) await older.insert('notebooks', { id: 'older-notebook', name: 'Kept', created_at: at });
        await older.close();

        await withStores(older.location, async (stores) => {
          expect(await stores.sessions.history('older-session')).toEqual([
            { role: 'user', id: 'q1', text: 'what is item 35?', at },
            { role: 'assistant', messageId: 'older-answer', text: 'It is about weights.', at, citations: [{ item: 35, title: 'Weighted loss functions', source: 'en/035.md' }], calculations: [], clarify: false },
          ]);
          expect((await stores.sessions.getSession('older-session'))?.state.topic).toBe(35);
          expect(await stores.sessions.recordFeedback('older-session', 'older-answer', 'up')).toBe(true);
          const notebook = steps >= 2 ? 'older-notebook' : (await stores.notebooks.createNotebook('Kept')).id;
          expect(await stores.notebooks.getNotebook(notebook)).toMatchObject({ name: 'Kept' });
          expect((await stores.notebooks.addSource(notebook, { name: 'Dice.md', bytes: Buffer.from('# Dice loss') }, [])).added).toBe(true);
          await stores.notebooks.attachSession('older-session', notebook);
        });
        expect(await target.version(older.location)).toBe(target.steps);
      });
    }
  });
}
