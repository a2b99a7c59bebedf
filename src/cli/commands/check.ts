import { parseArgs } from 'node:util';
import type { FileReport } from '../../kb/item';
import { numberRuns } from '../../kb/number-runs';
import type { CommandRun } from '../command';
import { writeJson } from '../io';
import { kbFlag, openKnowledgeBase } from '../kb-option';


function itemsMade(items: readonly number[]): string {
  const count = new Set(items).size;
  return count === 0 ? 'no items' : `${count} item${count === 1 ? '' : 's'} (${numberRuns(items)})`;
}

const fileLine = (file: FileReport): string => `${file.source}: ${file.format === 'tooling' ? 'app files, not notes' : `${file.format}, ${itemsMade(file.items)}`}\n`;

export const check: CommandRun = {
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: kbFlag, strict: true });
    const kb = await openKnowledgeBase(values.kb, io);
    const errors = kb.problems.filter((problem) => problem.severity === 'error').length;
    const warnings = kb.problems.length - errors;
    const files = kb.files ?? [];
    if (values.json === true) {
      writeJson(io, { dir: kb.dir, items: kb.items.length, errors, warnings, files, problems: kb.problems });
    } else {
      for (const file of files) io.stdout.write(fileLine(file));
      for (const problem of kb.problems) io.stdout.write(`${problem.severity} ${problem.code}: ${problem.message}\n`);
      io.stdout.write(`${kb.items.length} items, ${errors} errors, ${warnings} warnings\n`);
    }
    // Every error is something to fix (the contract's non-zero exit); warnings alone exit 0.
    return errors > 0 ? 1 : 0;
  },
};
