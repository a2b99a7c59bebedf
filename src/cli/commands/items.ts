import { parseArgs } from 'node:util';
import type { CommandRun } from '../command';
import { writeJson } from '../io';
import { kbFlag, openKnowledgeBase } from '../kb-option';

export const items: CommandRun = {
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: kbFlag, strict: true });
    const kb = await openKnowledgeBase(values.kb, io);
    const list = kb.items.map((item) => ({ item: item.number, title: item.title, claim: item.claim, source: item.source }));
    if (values.json === true) writeJson(io, list);
    else io.stdout.write(list.map((entry) => `${entry.item}. ${entry.claim}`).join('\n') + '\n');
    return 0;
  },
};
