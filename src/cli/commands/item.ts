import { parseArgs } from 'node:util';
import type { Item } from '../../kb/item';
import { CliError } from '../cli-error';
import type { CommandRun } from '../command';
import { writeJson } from '../io';
import { kbFlag, openKnowledgeBase } from '../kb-option';

function asText(item: Item): string {
  const lines = [`#${item.number} ${item.title}`, '', `> ${item.claim}`, ''];
  for (const section of item.sections) lines.push(`## ${section.heading}`, '', section.text, '');
  if (item.related.length > 0) lines.push(`Related: ${item.related.map((n) => `#${n}`).join(', ')}`);
  const languages = Object.keys(item.translations);
  if (languages.length > 0) lines.push(`Also in: ${languages.join(', ')}`);
  lines.push(`Source: ${item.source}`);
  return `${lines.join('\n')}\n`;
}

export const item: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, options: kbFlag, allowPositionals: true, strict: true });
    const number = Number(String(positionals[0] ?? '').replace(/^#/, ''));
    if (!Number.isInteger(number) || number < 1) throw new CliError('bad_item_number', 'give an item number, e.g. "loss-tutor item 35".');
    const kb = await openKnowledgeBase(values.kb, io);
    const found = kb.byNumber.get(number);
    if (!found) {
      const range = kb.items.length > 0 ? `items run from ${kb.items[0]!.number} to ${kb.items[kb.items.length - 1]!.number}` : 'the knowledge base has no items';
      throw new CliError('item_not_found', `there is no item ${number}: ${range}. Run "loss-tutor items" to see them.`);
    }
    if (values.json === true) {
      const { number, title, source, sections, ...rest } = found;
      writeJson(io, { item: number, title, source, text: sections.map((s) => s.text).join('\n\n'), ...rest, sections });
    } else {
      io.stdout.write(asText(found));
    }
    return 0;
  },
};
