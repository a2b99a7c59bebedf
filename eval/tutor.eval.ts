/**
 * The tutor evaluation: every scripted conversation in test/fixtures/conversations run against the
 * real embedded tutor; prints the pass rate per kind and the turns that failed.
 */
import { loadConversations, runConversation } from '../test/tutor/conversation-check';
import { unlistedNumbers } from '../test/tutor/worked-example-numbers';

export async function run(): Promise<void> {
  const byKind = new Map<string, { passed: number; total: number }>();
  const failures: string[] = [];
  for (const conversation of loadConversations()) {
    const outcomes = await runConversation(conversation);
    const problems = outcomes.flatMap((o, i) => [
      ...o.failures,
      ...unlistedNumbers(o.answer).map((n) => `worked example shows ${n}, which no calculation holds`),
    ].map((f) => `${conversation.kind}: ${conversation.name}, turn ${i + 1}: ${f}`));
    const tally = byKind.get(conversation.kind) ?? { passed: 0, total: 0 };
    tally.total += 1;
    if (problems.length === 0) tally.passed += 1;
    byKind.set(conversation.kind, tally);
    failures.push(...problems);
  }
  const rows = [...byKind].sort(([a], [b]) => a.localeCompare(b));
  const all = rows.reduce((sum, [, t]) => ({ passed: sum.passed + t.passed, total: sum.total + t.total }), { passed: 0, total: 0 });
  const line = (kind: string, t: { passed: number; total: number }): string =>
    `| ${kind.padEnd(15)} | ${String(t.passed).padStart(6)} | ${String(t.total).padStart(5)} | ${((100 * t.passed) / t.total).toFixed(1).padStart(5)}% |`;
  process.stdout.write(['| kind            | passed | total |   rate |', '|---|---|---|---|', ...rows.map(([k, t]) => line(k, t)), line('all', all), ''].join('\n'));
  if (failures.length > 0) process.stdout.write(`\nFailures:\n${failures.map((f) => `- ${f}`).join('\n')}\n`);
}
