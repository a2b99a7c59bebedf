import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';
import { openStores } from '../../src/store/open-store';
import { cardsOf } from '../../src/study/cards';
import { runCli } from '../support/cli';

const workDir = mkdtempSync(join(tmpdir(), 'loss-tutor-review-cli-'));
const db = join(workDir, 'tutor.db');
const knowledge = join(__dirname, '..', '..', 'knowledge');
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('loss-tutor review', () => {
  it('starts a profile, reviews the cards "ask --learner" made due, wrong then right, and keeps the reviews', async () => {
    const first = await runCli(['review', '--db', db], { env: {}, cwd: workDir });
    expect(first.code).toBe(0);
    const learner = /--learner (\S+)/.exec(first.stderr)?.[1];
    expect(learner).toBeDefined();
    expect(first.stdout).toMatch(/No cards are due/);

    const unsure = await runCli(['ask', "I'm not sure about item #35", '--db', db, '--learner', learner!], { env: {}, cwd: workDir });
    expect(unsure.stdout, unsure.stderr).toMatch(/due now/);
    const kb = await loadKnowledgeBase(knowledge);
    const cards = cardsOf(kb).filter((c) => c.item === 35);
    // Soonest due first, ties by id: the first card shown is the first id; the others are graded easy, then it comes back.
    const shown = [...cards].sort((a, b) => a.id.localeCompare(b.id))[0]!;
    const stdin = ['no idea at all', ...cards.slice(1).map(() => 'easy'), shown.answer, ''].join('\n');
    const run = await runCli(['review', '--db', db, '--learner', learner!], { env: {}, cwd: workDir, stdin });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout.indexOf('❌')).toBeGreaterThan(-1);
    expect(run.stdout.indexOf('✅')).toBeGreaterThan(run.stdout.indexOf('❌'));

    const stores = await openStores(db);
    try {
      const reviews = await stores.study.reviews(learner!);
      expect(reviews.map((r) => [r.card, r.grade])).toEqual([[shown.id, 'again'], ...cards.filter((c) => c.id !== shown.id).map((c) => [c.id, 'easy']), [shown.id, 'good']]);
      expect(await stores.study.sessionsOf(learner!)).toHaveLength(2);
    } finally {
      await stores.close();
    }
    const unknown = await runCli(['review', '--db', db, '--learner', 'nobody'], { env: {}, cwd: workDir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no learner "nobody"/);
  });
});

describe('loss-tutor cards export', () => {
  it('writes an Anki text file that Anki’s plain-text reader (ours) reads back card for card', async () => {
    const out = join(workDir, 'cards.txt');
    const result = await runCli(['cards', 'export', '--out', out], { env: {}, cwd: workDir });
    expect(result.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n').slice(0, 2)).toEqual(['#separator:tab', '#html:false']);
    const cards = cardsOf(await loadKnowledgeBase(knowledge));
    expect(text.trim().split('\n').filter((line) => !line.startsWith('#'))).toHaveLength(cards.length);
    const back = join(workDir, 'imported');
    mkdirSync(back);
    writeFileSync(join(back, 'cards.txt'), text);
    const imported = await loadKnowledgeBase(back);
    const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(imported.items.map((item) => [item.quiz[0]?.question, item.quiz[0]?.answer])).toEqual(cards.map((c) => [flat(c.prompt), flat(c.answer)]));
    expect(imported.items[0]?.tags).toEqual(['loss-tutor', `item-${cards[0]!.item}`, cards[0]!.kind]);
  });
});
