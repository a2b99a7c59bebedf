import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ankiText } from '../../study/anki-export';
import { cardsOf } from '../../study/cards';
import { CliError } from '../cli-error';
import type { CommandRun } from '../command';
import type { CliIo } from '../io';
import { openKnowledgeBase } from '../kb-option';

/** `cards export`: the notebook's cards as an Anki-importable text file (stdout, or --out FILE). */
async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { kb: { type: 'string' }, out: { type: 'string' } } });
  } catch (error) {
    throw new CliError('bad_arguments', `cards: ${error instanceof Error ? error.message : String(error)}. Run "loss-tutor cards --help" for its options.`);
  }
  if (parsed.positionals[0] !== 'export' || parsed.positionals.length > 1) throw new CliError('bad_arguments', 'cards takes one action, export: loss-tutor cards export [--kb DIR] [--out FILE]');
  const kb = await openKnowledgeBase(parsed.values.kb, io);
  const cards = cardsOf(kb);
  const text = ankiText(cards);
  if (parsed.values.out === undefined) io.stdout.write(text);
  else {
    const file = resolve(io.cwd, parsed.values.out);
    writeFileSync(file, text);
    io.stderr.write(`loss-tutor: wrote ${cards.length} cards to ${file}: import it in Anki with File → Import\n`);
  }
  return 0;
}

export const cards: CommandRun = { run };
