/**
 * Index build time, query latency (p50, p99) and heap for the bundled base and for generated bases of
 * 10,000 and 100,000 notes, beside raw MiniSearch (default options) on the same notes in the same run:
 * the same documents and fields, so that only the options (tokenizer, synonyms, typo matching) differ.
 * Goals: build within 1.5x and query p50 within 2x of raw MiniSearch.
 *
 * Each library is measured in fresh processes of its own, taking turns: in a shared process the two
 * share MiniSearch's code, and what one teaches V8 about it speeds or slows the other. V8 also
 * compiles MiniSearch into a faster or a slower form from one process to the next and keeps it for
 * the life of the process, so the bundled base, cheap to build, is measured in several processes and
 * the range of their medians is shown.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { median, ms, percentile, printTable, ratio } from './measure';
import { searchBases, type SearchBase } from './search-bases';
import type { Library, ProcessTimings } from './search-process';

function inFreshProcess(base: SearchBase, library: Library): ProcessTimings {
  const output = execFileSync(process.execPath, [...process.execArgv, join(__dirname, 'search-process.ts'), base.name, library], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  return JSON.parse(output) as ProcessTimings;
}

interface Measured {
  /** Median build of each process. */
  builds: number[];
  queries: number[];
  heapMb: number;
}

/** Both libraries, process after process, each going first every other time. */
function measuredInTurn(base: SearchBase): { raw: Measured; ours: Measured } {
  const runs = { raw: [] as ProcessTimings[], ours: [] as ProcessTimings[] };
  for (let p = 0; p < base.processes; p++) {
    const order: Library[] = p % 2 === 0 ? ['raw', 'ours'] : ['ours', 'raw'];
    for (const library of order) runs[library].push(inFreshProcess(base, library));
  }
  const measured = (timings: ProcessTimings[]): Measured => ({
    builds: timings.map((t) => median(t.buildMs)),
    queries: timings.flatMap((t) => t.queryMs),
    heapMb: median(timings.map((t) => t.heapMb)),
  });
  return { raw: measured(runs.raw), ours: measured(runs.ours) };
}

const spread = (values: number[]) => (values.length > 1 ? `${ms(Math.min(...values))}–${ms(Math.max(...values))}` : ms(values[0]!));

export async function run(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const base of searchBases) {
    const { raw, ours } = measuredInTurn(base);
    const [build, rawBuild] = [median(ours.builds), median(raw.builds)];
    const [p50, rawP50] = [median(ours.queries), median(raw.queries)];
    rows.push([
      `${base.name}, ${base.processes} × ${base.builds}`,
      ms(build), ms(rawBuild), ratio(build / rawBuild), spread(ours.builds), spread(raw.builds), ratio(Math.max(...ours.builds) / Math.min(...raw.builds)),
      ms(p50), ms(percentile(ours.queries, 99)), ms(rawP50), ms(percentile(raw.queries, 99)), ratio(p50 / rawP50),
      `${ours.heapMb.toFixed(1)} / ${raw.heapMb.toFixed(1)}`,
    ]);
  }
  process.stdout.write(
    'build: median over processes of each process\'s median build (processes × builds after warm-up builds), each library in fresh processes of its own, taking turns; ' +
      'worst: our slowest process against raw\'s fastest. Queries: ms over distinct queries (the 129 learner questions; 300 generated phrases), all processes pooled. ' +
      'Raw MiniSearch indexes the same documents and fields with default options. Goals: build ≤ 1.5x raw, query p50 ≤ 2x\n\n',
  );
  printTable(['base, processes × builds', 'build', 'raw build', 'ratio', 'ours per process', 'raw per process', 'worst', 'query p50', 'p99', 'raw p50', 'raw p99', 'p50 ratio', 'heap MB (ours / raw)'], rows);
}
