import type { RawNote } from './raw-note';
import { detectLanguage, firstSentence } from './raw-note';
import { cleanMarkup } from './plain-text';

const ENTRY = /^\s*(\d{1,6})[.)]\s+(\S.*)$/;

/** A file that is mostly `35. …` lines: a list of numbered facts, one item per entry. */
export function isNumberedList(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const entries = lines.filter((line) => ENTRY.test(line)).length;
  return entries >= 3 && entries >= lines.length * 0.6 && !/^#{1,6}\s/m.test(text);
}

/** A title from an entry: its words up to the first clause break, kept short. */
function titleOf(claim: string): string {
  const clause = claim.split(/[:;,.。：；，]|\s[-–—]\s/u)[0]!.trim();
  const words = clause.split(/\s+/);
  return words.length > 9 ? `${words.slice(0, 8).join(' ')}…` : clause;
}

export function parseNumberedList(source: string, text: string): RawNote[] {
  const notes: RawNote[] = [];
  for (const line of text.split(/\r?\n/)) {
    const entry = ENTRY.exec(line);
    if (entry) {
      const cleaned = cleanMarkup(entry[2]!);
      notes.push({
        source,
        number: Number(entry[1]),
        lang: detectLanguage(cleaned.text),
        title: titleOf(cleaned.text),
        claim: firstSentence(cleaned.text),
        aliases: [],
        tags: cleaned.tags,
        related: [],
        links: cleaned.links,
        quiz: [],
        sections: [{ name: 'definition', heading: 'Definition', text: cleaned.text }],
      });
    } else if (line.trim() !== '' && notes.length > 0) {
      // A continuation line belongs to the entry above it.
      const last = notes[notes.length - 1]!;
      last.sections[0]!.text = `${last.sections[0]!.text}\n${cleanMarkup(line).text}`;
    }
  }
  return notes;
}
