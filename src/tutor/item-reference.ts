/**
 * How a learner points at an item: by number (the grammar search shares, src/search/item-reference.ts),
 * by quoting its claim, by position in the last list ("the first one"), or by pronoun ("it").
 */
import type { KnowledgeBase } from '../kb/item';
import { itemNumberPhrases } from '../search/item-reference';
import type { SessionState } from './session-state';

export type ItemReference =
  | { kind: 'number'; number: number; matched: string }
  | { kind: 'quote'; number: number; matched: string }
  | { kind: 'position'; position: number; matched: string }
  | { kind: 'pronoun'; matched: string };

const positionWords: Record<string, number> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5, last: -1,
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 最後: -1,
};
const positionPattern =
  /\bthe\s+(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\b(?:\s+(?:one|item|note|result))?|第\s*([一二三四五])\s*[個个]|(最後)[一]?[個个]/i;

// Bare "that"/"this" are left out: they introduce clauses far more often than they point at an item.
const pronounPattern = /\b(it|its|them|th(?:is|at) (?:loss|one|item|note|idea|term))\b|它|這個|那個|這項|該項|這種/i;

/** Quoted passages long enough to be a claim: "…", “…”, 「…」, 『…』. */
function quotedPassages(text: string): string[] {
  const passages: string[] = [];
  for (const match of text.matchAll(/"([^"]{12,})"|“([^”]{12,})”|「([^」]{6,})」|『([^』]{6,})』/g)) {
    const passage = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (passage) passages.push(passage);
  }
  return passages;
}

function words(text: string): Set<string> {
  const lower = text.toLowerCase();
  const latin = lower.match(/[a-z0-9]{3,}/g) ?? [];
  const hanChars = lower.match(/\p{Script=Han}/gu) ?? [];
  return new Set([...latin, ...hanChars]);
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / Math.min(a.size, b.size);
}

/** The item whose claim (or title) a quoted passage reproduces, if one clearly does. */
export function matchQuotedClaim(passage: string, kb: KnowledgeBase): number | undefined {
  const quoted = words(passage);
  let best: { number: number; score: number } | undefined;
  for (const item of kb.items) {
    const texts = [item, ...Object.values(item.translations)];
    for (const text of texts) {
      const score = Math.max(overlap(quoted, words(text.claim)), overlap(quoted, words(text.title)) * 0.9);
      if (!best || score > best.score) best = { number: item.number, score };
    }
  }
  return best && best.score >= 0.8 ? best.number : undefined;
}

/** The references in a message, strongest first: numbers, quoted claims, positions, pronouns. */
export function findItemReferences(text: string, kb: KnowledgeBase): ItemReference[] {
  const references: ItemReference[] = [];
  for (const phrase of itemNumberPhrases(text)) {
    for (const number of phrase.numbers) {
      if (!references.some((ref) => ref.kind === 'number' && ref.number === number)) references.push({ kind: 'number', number, matched: phrase.text });
    }
  }
  for (const passage of quotedPassages(text)) {
    const number = matchQuotedClaim(passage, kb);
    if (number !== undefined) references.push({ kind: 'quote', number, matched: passage });
  }
  const position = positionPattern.exec(text);
  if (position) {
    const word = (position[1] ?? position[2] ?? position[3] ?? '').toLowerCase();
    const value = positionWords[word];
    if (value !== undefined) references.push({ kind: 'position', position: value, matched: position[0] });
  }
  const pronoun = pronounPattern.exec(text);
  if (pronoun) references.push({ kind: 'pronoun', matched: pronoun[0] });
  return references;
}

export type ResolvedReference =
  | { status: 'item'; number: number; via: ItemReference['kind'] }
  | { status: 'missing'; number: number }
  | { status: 'dangling'; matched: string; via: 'position' | 'pronoun' }
  | { status: 'none' };

/** Resolves the strongest reference against the base and what the conversation has shown. */
export function resolveItemReference(
  references: ItemReference[],
  kb: KnowledgeBase,
  state: SessionState,
): ResolvedReference {
  const explicit = references.find((ref) => ref.kind === 'number' || ref.kind === 'quote');
  if (explicit && (explicit.kind === 'number' || explicit.kind === 'quote')) {
    return kb.byNumber.has(explicit.number)
      ? { status: 'item', number: explicit.number, via: explicit.kind }
      : { status: 'missing', number: explicit.number };
  }
  const position = references.find((ref) => ref.kind === 'position');
  if (position && position.kind === 'position') {
    const shown = state.lastShown;
    const number = position.position === -1 ? shown[shown.length - 1] : shown[position.position - 1];
    return number === undefined ? { status: 'dangling', matched: position.matched, via: 'position' } : { status: 'item', number, via: 'position' };
  }
  const pronoun = references.find((ref) => ref.kind === 'pronoun');
  if (pronoun) {
    return state.topic === undefined
      ? { status: 'dangling', matched: pronoun.matched, via: 'pronoun' }
      : { status: 'item', number: state.topic, via: 'pronoun' };
  }
  return { status: 'none' };
}
