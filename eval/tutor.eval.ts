/**
 * The tutor evaluation, three sets side by side: the held-out learner turns (eval/held-out/turns.tsv,
 * written before the tutor was rebuilt, never tuned on) and held-out v2 (turns-v2.tsv, written later
 * on more learner notes), scored per turn and category, and the scripted conversations of
 * test/fixtures/conversations, scored per conversation and kind. Held-out v2 failures are never
 * printed with their text, only counted, so that the set stays held out.
 */
import { loadConversations, runConversation } from '../test/tutor/conversation-check';
import { heldOutFile, heldOutV2File, heldOutV2Written, loadHeldOut, runHeldOut } from '../test/tutor/held-out-check';
import { unlistedNumbers } from '../test/tutor/worked-example-numbers';

interface Tally {
  passed: number;
  total: number;
}

function count(tallies: Map<string, Tally>, key: string, passed: boolean): void {
  const tally = tallies.get(key) ?? { passed: 0, total: 0 };
  tally.total += 1;
  if (passed) tally.passed += 1;
  tallies.set(key, tally);
}

function table(title: string, tallies: Map<string, Tally>): string[] {
  const rows = [...tallies].sort(([a], [b]) => a.localeCompare(b));
  const all = rows.reduce((sum, [, t]) => ({ passed: sum.passed + t.passed, total: sum.total + t.total }), { passed: 0, total: 0 });
  const line = (kind: string, t: Tally): string =>
    `| ${kind.padEnd(18)} | ${String(t.passed).padStart(6)} | ${String(t.total).padStart(5)} | ${((100 * t.passed) / t.total).toFixed(1).padStart(5)}% |`;
  return [`${title}`, '', `| ${'category'.padEnd(18)} | passed | total |   rate |`, '|---|---|---|---|', ...rows.map(([k, t]) => line(k, t)), line('all', all), ''];
}

export async function heldOutScores(file = heldOutFile): Promise<{ tallies: Map<string, Tally>; failures: string[] }> {
  const tallies = new Map<string, Tally>();
  const failures: string[] = [];
  for (const thread of loadHeldOut(file)) {
    for (const outcome of await runHeldOut(thread)) {
      count(tallies, outcome.category, outcome.failures.length === 0);
      failures.push(...outcome.failures.map((f) => `${outcome.category}: "${outcome.ask}": ${f}`));
    }
  }
  return { tallies, failures };
}

async function scriptedScores(): Promise<{ tallies: Map<string, Tally>; failures: string[] }> {
  const tallies = new Map<string, Tally>();
  const failures: string[] = [];
  for (const conversation of loadConversations()) {
    const outcomes = await runConversation(conversation);
    const problems = outcomes.flatMap((o, i) => [
      ...o.failures,
      ...unlistedNumbers(o.answer).map((n) => `worked example shows ${n}, which no calculation holds`),
    ].map((f) => `${conversation.kind}: ${conversation.name}, turn ${i + 1}: ${f}`));
    count(tallies, conversation.kind, problems.length === 0);
    failures.push(...problems);
  }
  return { tallies, failures };
}

function sideBySide(tables: string[][]): string {
  const widths = tables.map((t) => Math.max(...t.map((l) => l.length)) + 4);
  const height = Math.max(...tables.map((t) => t.length));
  return Array.from({ length: height }, (_, i) => tables.map((t, j) => (t[i] ?? '').padEnd(j < tables.length - 1 ? widths[j]! : 0)).join('').trimEnd()).join('\n');
}

export async function run(): Promise<void> {
  const heldOut = await heldOutScores();
  const v2 = await heldOutScores(heldOutV2File);
  const scripted = await scriptedScores();
  process.stdout.write(`${sideBySide([
    table('Held-out learner turns (per turn)', heldOut.tallies),
    table(`Held-out v2 (written ${heldOutV2Written}, per turn)`, v2.tallies),
    table('Scripted conversations (per conversation)', scripted.tallies),
  ])}\n`);
  if (process.argv.includes('--failures')) {
    const all = [...heldOut.failures.map((f) => `held-out ${f}`), ...scripted.failures.map((f) => `scripted ${f}`)];
    if (all.length > 0) process.stdout.write(`\nFailures:\n${all.map((f) => `- ${f}`).join('\n')}\n`);
  } else if (scripted.failures.length > 0) {
    process.stdout.write(`\nScripted failures:\n${scripted.failures.map((f) => `- ${f}`).join('\n')}\n`);
  }
}
