/**
 * Cards as Anki's "Notes in Plain Text" import reads them: `#separator:tab`, `#html:false` and a
 * tags column, one card per line (front, back, tags). Our own Anki reader takes it back unchanged.
 */
import type { CardContent } from './cards';

/** A field on one line: a line break or tab inside it would start a new card or field. */
function field(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').replace(/\t/g, ' ').trim();
  // A field that starts with or holds a quote would be read as a quoted field: quote it properly.
  return flat.includes('"') ? `"${flat.replace(/"/g, '""')}"` : flat;
}

export function ankiText(cards: readonly CardContent[]): string {
  const rows = cards.map((card) => [field(card.prompt), field(card.answer), `loss-tutor item-${card.item} ${card.kind}`].join('\t'));
  return ['#separator:tab', '#html:false', '#tags column:3', ...rows].join('\n') + '\n';
}
