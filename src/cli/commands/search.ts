import { parseArgs } from 'node:util';
import { z } from 'zod';
import { defaultCacheDir, openItemIndex } from '../../search/item-index';
import { CliError } from '../cli-error';
import type { CommandRun } from '../command';
import { writeJson } from '../io';
import { kbFlag, openKnowledgeBase } from '../kb-option';

const limitSchema = z.coerce.number().int().min(1).max(1000);

export const search: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, options: { ...kbFlag, limit: { type: 'string' } }, allowPositionals: true, strict: true });
    const query = positionals.join(' ').trim();
    if (query === '') throw new CliError('missing_query', 'give a question to search for, e.g. loss-tutor search "what is focal loss".');
    const limit = limitSchema.safeParse(values.limit ?? 5);
    if (!limit.success) throw new CliError('bad_limit', `--limit ${String(values.limit)} is not a whole number from 1 to 1000.`);
    const kb = await openKnowledgeBase(values.kb, io);
    const hits = openItemIndex(kb, { cacheDir: defaultCacheDir(io.env) }).search(query, { limit: limit.data });
    const results = hits.map((hit) => {
      const item = kb.byNumber.get(hit.item)!;
      return { item: hit.item, title: item.title, source: item.source, score: Number(hit.score.toFixed(3)) };
    });
    if (values.json === true) writeJson(io, results);
    else io.stdout.write(results.length === 0 ? 'no item matches; try other words, or "loss-tutor items" to browse\n' : results.map((r) => `#${r.item} ${r.title} (${r.score})\n   ${kb.byNumber.get(r.item)!.claim}`).join('\n') + '\n');
    return 0;
  },
};
