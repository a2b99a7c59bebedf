/**
 * `npm run eval notes`: the held-out notes evaluation (eval/notes.ts) per format, side by side with
 * held-out v2 per format and kind of question. Both are held out, so their misses are counted,
 * never printed with their text (a miss read is a miss tuned on).
 */
import { evaluateNotes, notesQuestions, type TurnResult } from './notes';

function table(title: string, results: TurnResult[], groups: string[], inGroup: (r: TurnResult, group: string) => boolean): string[] {
  const row = (name: string, rs: TurnResult[]): string => {
    const passed = rs.filter((r) => r.passed).length;
    return `| ${name.padEnd(16)} | ${String(passed).padStart(6)} | ${String(rs.length).padStart(5)} | ${((100 * passed) / rs.length).toFixed(1).padStart(5)}% |`;
  };
  return [title, '', `| ${'group'.padEnd(16)} | passed | total |   rate |`, '|---|---|---|---|', ...groups.map((g) => row(g, results.filter((r) => inGroup(r, g)))), row('all', results), ''];
}

export async function run(): Promise<void> {
  const results = await evaluateNotes();
  const v2 = await evaluateNotes('held-out-v2');
  const left = table('Held-out notes questions (per format)', results, [...new Set(results.map((r) => r.format))], (r, g) => r.format === g);
  const v2Groups = [...new Set(v2.flatMap((r) => [r.format, `${r.format} ${r.kind}`]))].sort();
  const right = table(`Held-out v2 (written ${notesQuestions('held-out-v2').written.slice(0, 20)})`, v2, v2Groups, (r, g) => g === r.format || g === `${r.format} ${r.kind}`);
  const width = Math.max(...left.map((l) => l.length)) + 4;
  process.stdout.write(`${Array.from({ length: Math.max(left.length, right.length) }, (_, i) => `${(left[i] ?? '').padEnd(width)}${right[i] ?? ''}`.trimEnd()).join('\n')}\n`);
  const misses = results.filter((r) => !r.passed);
  const byKind = [...new Set(misses.map((m) => m.kind))].sort().map((kind) => `${kind} ${misses.filter((m) => m.kind === kind).length}`);
  if (misses.length > 0) process.stdout.write(`\nHeld-out misses (texts not shown): ${misses.length} (${byKind.join(', ')})\n`);
}
