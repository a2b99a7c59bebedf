/**
 * The calculation-request evaluation: every phrasing of the tuning set, the held-out table and the
 * held-out v2 set read by src/tutor/calc-request, scored against independently computed values;
 * prints the share read right per loss, per phrasing kind and per language, the sets side by side.
 * Only tuning misses are printed with their text: a held-out miss is shown as a count per kind, so
 * that reading the eval's output cannot turn a held-out set into a tuning set.
 */
import { heldOutV2, heldOutV2Written, type HeldOutV2Row } from '../test/fixtures/calc-requests/held-out-v2';
import { phrasings, type Phrasing } from '../test/fixtures/calc-requests/phrasings';
import { tuningPhrasings } from '../test/fixtures/calc-requests/tuning-phrasings';
import { scoreRow, scoreV2Row, tally, type RowOutcome, type V2Outcome } from '../test/tutor/calc-request/score';

interface Keys { v1: (row: Phrasing) => string; v2: (row: HeldOutV2Row) => string }
type Cell = { right: number; total: number };

const cell = (c: Cell | undefined): string => (c ? `${c.right}/${c.total} (${((100 * c.right) / c.total).toFixed(0)}%)` : '-');
const all = (o: { right: boolean }[]): Cell => ({ right: o.filter((x) => x.right).length, total: o.length });

function table(title: string, tuning: RowOutcome[], heldOut: RowOutcome[], v2: V2Outcome[], key: Keys): string {
  const tallies = [tally(tuning, key.v1), tally(heldOut, key.v1), tally(v2, key.v2)];
  const keys = [...new Set(tallies.flatMap((t) => [...t.keys()]))].sort();
  return [
    `| ${title} | tuning | held-out | held-out v2 (written ${heldOutV2Written}) |`,
    '|---|---|---|---|',
    ...keys.map((k) => `| ${k} | ${tallies.map((t) => cell(t.get(k))).join(' | ')} |`),
    `| all | ${[tuning, heldOut, v2].map((o) => cell(all(o))).join(' | ')} |`,
    '',
  ].join('\n');
}

function missCounts(set: string, misses: { row: { kind: string } }[]): string {
  const counts = tally(misses.map((m) => ({ row: m.row, right: false })), (row) => row.kind);
  return `- ${set}: ${misses.length} (${[...counts].sort(([a], [b]) => a.localeCompare(b)).map(([kind, c]) => `${kind} ${c.total}`).join(', ') || 'none'})`;
}

export async function run(): Promise<void> {
  const tuning = tuningPhrasings.map(scoreRow);
  const heldOut = phrasings.map(scoreRow);
  const v2 = heldOutV2.map(scoreV2Row);
  // The first sets' script labels are guessed from a few characters (phrasings.ts), so they count as Chinese; v2 records its script.
  const language = (row: { lang: string }): string => (row.lang === 'en' ? 'English' : 'Chinese');
  process.stdout.write([
    table('loss', tuning, heldOut, v2, { v1: (r) => r.expected.loss, v2: (r) => r.loss }),
    table('kind', tuning, heldOut, v2, { v1: (r) => r.kind, v2: (r) => r.kind }),
    table('language', tuning, heldOut, v2, { v1: language, v2: (r) => (r.lang === 'en' ? 'English' : r.lang) }),
  ].join('\n'));
  const tuningMisses = tuning.filter((o) => !o.right);
  if (tuningMisses.length > 0) process.stdout.write(`\nTuning misses:\n${tuningMisses.map((o) => `- ${o.row.kind}: ${o.row.text.replace(/\n/g, ' / ')} -> ${o.got}`).join('\n')}\n`);
  process.stdout.write(`\nHeld-out misses per kind (texts not shown):\n${missCounts('held-out', heldOut.filter((o) => !o.right))}\n${missCounts(`held-out v2 (written ${heldOutV2Written})`, v2.filter((o) => !o.right))}\n`);
}
