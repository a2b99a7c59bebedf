/**
 * A folder of N notes for the start-up and parse-cache benches: the bundled English notes copied
 * under new numbers (and without cross-references), so they are N distinct, valid items written
 * the way the bundled ones are.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the copies into `dir` and returns their file names. */
export function writeCopiedNotes(dir: string, count: number): string[] {
  const bundled = join(__dirname, '../knowledge/en');
  const texts = readdirSync(bundled).filter((name) => name.endsWith('.md')).map((name) => readFileSync(join(bundled, name), 'utf8'));
  mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  for (let n = 1; n <= count; n++) {
    const name = `${String(n).padStart(5, '0')}-note.md`;
    const text = texts[n % texts.length]!.replace(/^item: \d+$/m, `item: ${n}`).replace(/^related: .*$/m, 'related: []');
    writeFileSync(join(dir, name), text);
    names.push(name);
  }
  return names;
}
