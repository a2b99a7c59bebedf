/**
 * A notebook of N files (the bundled English notes copied under new numbers) built two ways: on the
 * calling thread, and through the NotebookBuilder's thread, with the calling thread's event-loop
 * delay (p99, max) while it waits. Goal: the server's thread is not held up by a build (max delay
 * well under 50 ms) whatever the build takes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { NotebookBuilder } from '../src/notebook/notebook-builder';
import { notebookKb } from '../src/notebook/notebook-kb';
import type { SourceFile } from '../src/store/notebook-store';
import { ms, printTable } from './measure';

function files(count: number): SourceFile[] {
  const bundled = join(__dirname, '../knowledge/en');
  const texts = readdirSync(bundled).filter((name) => name.endsWith('.md')).map((name) => readFileSync(join(bundled, name), 'utf8'));
  return Array.from({ length: count }, (_, i) => ({
    name: `${String(i + 1).padStart(4, '0')}-note.md`,
    bytes: Buffer.from(texts[i % texts.length]!.replace(/^item: \d+$/m, `item: ${i + 1}`).replace(/^related: .*$/m, 'related: []')),
  }));
}

const timed = async (work: () => unknown): Promise<number> => {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

export async function run(): Promise<void> {
  const builder = new NotebookBuilder(120_000);
  await builder.build('warm-up', files(5));
  const rows: (string | number)[][] = [];
  for (const count of [84, 500]) {
    const sources = files(count);
    const inline = await timed(() => notebookKb('bench', sources));
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const threaded = await timed(() => builder.build('bench', sources));
    delay.disable();
    rows.push([count, ms(inline), ms(threaded), ms(delay.percentile(99) / 1e6), ms(delay.max / 1e6)]);
  }
  await builder.close();
  printTable(['files', 'build on the thread (ms)', 'build on the builder thread (ms)', 'loop delay p99 while waiting (ms)', 'loop delay max (ms)'], rows);
}
