import { parseArgs } from 'node:util';
import type { CommandRun } from '../command';
import { writeJson } from '../io';
import { kbFlag, openKnowledgeBase } from '../kb-option';

export const check: CommandRun = {
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: kbFlag, strict: true });
    const kb = await openKnowledgeBase(values.kb, io);
    const errors = kb.problems.filter((problem) => problem.severity === 'error').length;
    const warnings = kb.problems.length - errors;
    if (values.json === true) {
      writeJson(io, { dir: kb.dir, items: kb.items.length, errors, warnings, problems: kb.problems });
    } else {
      for (const problem of kb.problems) io.stdout.write(`${problem.severity} ${problem.code}: ${problem.message}\n`);
      io.stdout.write(`${kb.items.length} items, ${errors} errors, ${warnings} warnings\n`);
    }
    return errors > 0 ? 1 : 0;
  },
};
