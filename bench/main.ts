/**
 * `npm run bench [area...]`: runs every bench/<area>.bench.ts (or only the areas named) in turn.
 * Each module exports `run()`, which measures and prints its own table; goals are printed beside
 * the numbers, never asserted, so a slow machine reports rather than fails.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

interface BenchModule {
  run(): Promise<void>;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const areas = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.ts'))
    .map((file) => file.slice(0, -'.bench.ts'.length))
    .filter((area) => wanted.length === 0 || wanted.includes(area))
    .sort();
  for (const area of areas) {
    process.stdout.write(`\n## ${area}\n\n`);
    // require, not import(): ts-node compiles required TypeScript; import() would bypass it.
    const bench = require(join(__dirname, `${area}.bench.ts`)) as BenchModule;
    await bench.run();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
