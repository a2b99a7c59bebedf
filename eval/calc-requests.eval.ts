/**
 * The calculation-request evaluation: every phrasing of the held-out table and of the tuning set
 * read by src/tutor/calc-request, scored against independently computed values; prints the share
 * read right per loss and per phrasing kind, tuning and held-out side by side, and the misses.
 */
import { phrasings } from '../test/fixtures/calc-requests/phrasings';
import { tuningPhrasings } from '../test/fixtures/calc-requests/tuning-phrasings';
import { scoreRow, tally, type RowOutcome } from '../test/tutor/calc-request/score';

function table(title: string, tuning: RowOutcome[], heldOut: RowOutcome[], key: (o: RowOutcome['row']) => string): string {
  const [t, h] = [tally(tuning, key), tally(heldOut, key)];
  const cell = (c: { right: number; total: number } | undefined): string => (c ? `${c.right}/${c.total} (${((100 * c.right) / c.total).toFixed(0)}%)` : '-');
  const keys = [...new Set([...t.keys(), ...h.keys()])].sort();
  const all = (o: RowOutcome[]) => ({ right: o.filter((x) => x.right).length, total: o.length });
  return [`| ${title} | tuning | held-out |`, '|---|---|---|', ...keys.map((k) => `| ${k} | ${cell(t.get(k))} | ${cell(h.get(k))} |`), `| all | ${cell(all(tuning))} | ${cell(all(heldOut))} |`, ''].join('\n');
}

export async function run(): Promise<void> {
  const tuning = tuningPhrasings.map(scoreRow);
  const heldOut = phrasings.map(scoreRow);
  const language = (row: RowOutcome['row']): string => (row.lang === 'en' ? 'English' : 'Chinese');
  process.stdout.write([table('loss', tuning, heldOut, (r) => r.expected.loss), table('kind', tuning, heldOut, (r) => r.kind), table('language', tuning, heldOut, language)].join('\n'));
  const misses = [...tuning.map((o) => ['tuning', o] as const), ...heldOut.map((o) => ['held-out', o] as const)].filter(([, o]) => !o.right);
  if (misses.length > 0) process.stdout.write(`\nMisses:\n${misses.map(([set, o]) => `- ${set} ${o.row.kind}: ${o.row.text.replace(/\n/g, ' / ')} -> ${o.got}`).join('\n')}\n`);
}
