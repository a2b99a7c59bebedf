/** `npm run eval notes`: the held-out notes evaluation (eval/notes.ts), per format and in all. */
import { evaluateNotes } from './notes';

export async function run(): Promise<void> {
  const results = await evaluateNotes();
  const formats = [...new Set(results.map((r) => r.format))];
  const row = (name: string, rs: typeof results): string =>
    `| ${name.padEnd(10)} | ${String(rs.filter((r) => r.passed).length).padStart(6)} | ${String(rs.length).padStart(5)} | ${((100 * rs.filter((r) => r.passed).length) / rs.length).toFixed(1).padStart(5)}% |`;
  const lines = ['| format     | passed | total |   rate |', '|---|---|---|---|', ...formats.map((f) => row(f, results.filter((r) => r.format === f))), row('all', results), ''];
  process.stdout.write(lines.join('\n'));
  const misses = results.filter((r) => !r.passed);
  if (misses.length > 0) process.stdout.write(`\nMisses:\n${misses.map((m) => `- ${m.format} (${m.kind}): "${m.ask}" cited ${JSON.stringify(m.cited.slice(0, 3))}`).join('\n')}\n`);
}
