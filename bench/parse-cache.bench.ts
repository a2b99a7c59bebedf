/**
 * Loading 10,000 notes (the bundled English notes copied under new numbers) three ways: with no
 * parse cache, with a warm one, and with a warm one after one file changed, counting the parses.
 * Three rounds in one run; min / median / max. Goal: one changed file re-parses one file.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledgeBase } from '../src/kb/knowledge-base';
import type { NoteFile } from '../src/kb/note-files';
import { parseNoteFile } from '../src/kb/note-parser';
import { writeCopiedNotes } from './copied-notes';
import { ms, printTable } from './measure';

const NOTES = 10_000;
const ROUNDS = 3;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function run(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bench-parse-cache-'));
  try {
    const notes = join(work, 'notes');
    const names = writeCopiedNotes(notes, NOTES);
    let parses = 0;
    const parseFile = (file: NoteFile) => {
      parses += 1;
      return parseNoteFile(file);
    };
    const rows: { cold: number; warm: number; changed: number; coldParses: number; warmParses: number; changedParses: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const cacheDir = join(work, `cache-${round}`);
      parses = 0;
      const cold = await timed(() => loadKnowledgeBase(notes, { cacheDir, parseFile }));
      const coldParses = parses;
      parses = 0;
      const warm = await timed(() => loadKnowledgeBase(notes, { cacheDir, parseFile }));
      const warmParses = parses;
      appendFileSync(join(notes, names[round * 97]!), `\nOne more sentence, round ${round}.\n`);
      parses = 0;
      const changed = await timed(() => loadKnowledgeBase(notes, { cacheDir, parseFile }));
      rows.push({ cold, warm, changed, coldParses, warmParses, changedParses: parses });
    }
    const spread = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `${ms(sorted[0]!)} / ${ms(sorted[1]!)} / ${ms(sorted[2]!)}`;
    };
    process.stdout.write(`${NOTES} notes; load time (ms) min / median / max of ${ROUNDS} rounds, and files parsed. Goal: a changed file re-parses 1 file.\n\n`);
    printTable(
      ['load', 'ms', 'files parsed per round'],
      [
        ['no cache (cold)', spread(rows.map((r) => r.cold)), rows.map((r) => r.coldParses).join(', ')],
        ['warm cache, nothing changed', spread(rows.map((r) => r.warm)), rows.map((r) => r.warmParses).join(', ')],
        ['warm cache, one file changed', spread(rows.map((r) => r.changed)), rows.map((r) => r.changedParses).join(', ')],
      ],
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
