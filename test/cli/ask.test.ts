import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const workDir = mkdtempSync(join(tmpdir(), 'loss-tutor-ask-'));
const db = join(workDir, 'tutor.db');
const courseKb = join(__dirname, '..', 'fixtures', 'kb-course');

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const ask = (...args: string[]) => runCli(['ask', ...args, '--db', db], { env: {}, cwd: workDir });

describe('loss-tutor ask', () => {
  it('answers a new question as the JSON of the contract, with a new session id', async () => {
    const { code, stdout } = await ask('What does item #35 say?', '--json');
    expect(code).toBe(0);
    const answer = JSON.parse(stdout) as { text: string; citations: { item: number }[]; clarify: boolean; sessionId: string; calculations: unknown[] };
    expect(answer.citations[0]?.item).toBe(35);
    expect(answer.clarify).toBe(false);
    expect(answer.sessionId).toMatch(/\S{16,}/);
    expect(Array.isArray(answer.calculations)).toBe(true);
  });

  it('continues a conversation with --session: "its" refers to the item of the turn before', async () => {
    const first = JSON.parse((await ask('Explain item 9', '--json')).stdout) as { sessionId: string };
    const continued = await ask('What are its pitfalls?', '--session', first.sessionId, '--json');
    // What the command said on stderr, should it fail, is the first thing to read.
    expect({ code: continued.code, stderr: continued.stderr }).toEqual({ code: 0, stderr: '' });
    const second = JSON.parse(continued.stdout) as {
      sessionId: string;
      citations: { item: number }[];
      clarify: boolean;
    };
    expect(second.sessionId).toBe(first.sessionId);
    expect(second.clarify).toBe(false);
    expect(second.citations[0]?.item).toBe(9);
  });

  it('refuses an unknown session id and says how to start a new one', async () => {
    const { code, stderr } = await ask('hello', '--session', 'no-such-session');
    expect(code).not.toBe(0);
    expect(stderr).toContain('no-such-session');
    expect(stderr).toContain('--session');
  });

  it('answers from a learner\'s own knowledge base with --kb', async () => {
    const { code, stdout } = await ask('What does item 35 say?', '--kb', courseKb, '--json');
    expect(code).toBe(0);
    const answer = JSON.parse(stdout) as { text: string; citations: { item: number; source: string }[] };
    expect(answer.citations[0]?.item).toBe(35);
    expect(answer.text).toContain('balance quality and quantity');
  });

  it('prints Markdown and the session id for people', async () => {
    const { code, stdout } = await ask('What is the MSE for targets [200000, 250000, 300000] and predictions [210000, 240000, 310000]?');
    expect(code).toBe(0);
    expect(stdout).toContain('100000000');
    expect(stdout).toMatch(/--session \S+/);
  });

  it('refuses an empty question', async () => {
    const { code, stderr } = await ask('  ');
    expect(code).not.toBe(0);
    expect(stderr).toContain('question is empty');
  });
});
