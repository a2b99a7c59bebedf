/**
 * Text a learner pasted: from a web page, a slide, a chat or a document, a numbered list arrives as
 * "1) …", "(2) …", "3: …", "• 4. …" or "#5 …". Each such line is written "N. …", which the
 * numbered-list format reads as one item per entry; other lines are kept as they were.
 */
const PASTED_ENTRY = /^\s*(?:[-*•·‣▪]\s*)?(?:#|\(|\[)?(\d{1,6})(?:[.)\]:、．]|\s+[-–—])\s*(\S.*)$/u;

export function pastedNote(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').split('\n');
  return `${lines.map((line) => line.replace(PASTED_ENTRY, (_all, n: string, rest: string) => `${n}. ${rest}`).trimEnd()).join('\n').trim()}\n`;
}

/** A name for pasted text that sorts after the learner's files and never clashes with another paste. */
export const pastedName = (at: Date, hash: string): string => `Pasted ${at.toISOString().slice(0, 10)} ${hash.slice(0, 8)}.md`;
