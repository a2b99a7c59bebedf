/**
 * `npm run eval [area...]`: runs every eval/<area>.eval.ts (retrieval, tutor, ...) and prints
 * its figures. The test suite runs the same evaluations with floors; this prints the detail.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

interface EvalModule {
  run(): Promise<void>;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const areas = readdirSync(__dirname)
    .filter((file) => file.endsWith('.eval.ts'))
    .map((file) => file.slice(0, -'.eval.ts'.length))
    .filter((area) => wanted.length === 0 || wanted.includes(area))
    .sort();
  for (const area of areas) {
    process.stdout.write(`\n## ${area}\n\n`);
    // require, not import(): ts-node compiles required TypeScript; import() would bypass it.
    const evaluation = require(join(__dirname, `${area}.eval.ts`)) as EvalModule;
    await evaluation.run();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`eval: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
