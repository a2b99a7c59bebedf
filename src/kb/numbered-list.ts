import type { RawNote } from './raw-note';
import { detectLanguage, firstSentence } from './raw-note';
import { cleanMarkup } from './plain-text';
import { titleOfClaim } from './document';

const ENTRY = /^\s*(\d{1,6})[.)]\s+(\S.*)$/;

/** A file that is mostly `35. …` lines: a list of numbered facts, one item per entry. */
export function isNumberedList(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const entries = lines.filter((line) => ENTRY.test(line)).length;
  return entries >= 3 && entries >= lines.length * 0.6 && !/^#{1,6}\s/m.test(text);
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
        title: titleOfClaim(cleaned.text),
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
