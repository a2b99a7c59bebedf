/**
 * An item the learner names: "#35", "item 35", "the 35th item", "note 35", "第35條", "第 35 項".
 * Shared by search (the named item ranks first) and the tutor (it answers about that item).
 */
const PATTERNS = [
  /#\s?(\d{1,6})\b/g,
  /\b(?:item|items|note|notes|entry|fact|no\.?|number)\s*#?\s*(\d{1,6})\b/gi,
  /\bthe\s+(\d{1,6})(?:st|nd|rd|th)\s+(?:item|note|entry|fact|one)\b/gi,
  /第\s*(\d{1,6})\s*[條条項项個个則则點点]/g,
];

/** Every item number named in the text, in order of appearance, without repeats. */
export function namedItems(text: string): number[] {
  const found: { at: number; number: number }[] = [];
  const normalised = text.normalize('NFKC');
  for (const pattern of PATTERNS) {
    for (const match of normalised.matchAll(pattern)) found.push({ at: match.index ?? 0, number: Number(match[1]) });
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((entry) => entry.number))];
}
