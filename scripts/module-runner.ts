/**
 * Runs every `<area><suffix>` module in a folder (or only the areas named on the command line),
 * each exporting `run()`, which measures or evaluates and prints its own table. `npm run bench`
 * and `npm run eval` are this runner over bench/ and eval/.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

interface RunnableModule {
  run(): Promise<void>;
}

export function runModules(dir: string, suffix: string, name: string): void {
  const wanted = process.argv.slice(2);
  const areas = readdirSync(dir)
    .filter((file) => file.endsWith(suffix))
    .map((file) => file.slice(0, -suffix.length))
    .filter((area) => wanted.length === 0 || wanted.includes(area))
    .sort();
  (async () => {
    for (const area of areas) {
      process.stdout.write(`\n## ${area}\n\n`);
      // require, not import(): ts-node compiles required TypeScript; import() would bypass it.
      await (require(join(dir, `${area}${suffix}`)) as RunnableModule).run();
    }
  })().catch((error: unknown) => {
    process.stderr.write(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
