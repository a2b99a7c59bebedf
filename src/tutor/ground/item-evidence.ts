/**
 * What an item's note says for one question: the passage that answers it, the sections its
 * intents want (leaving out a section that only repeats the claim) and, for a note without them,
 * the closest items that have them, found by search with the note's own claim.
 */
import type { Item, Passage, Section } from '../../kb/item';
import type { ItemSearch } from '../../search/hit';
import type { KnowledgeBase } from '../../kb/item';
import type { Intent } from '../intent';
import type { Lang } from '../language';
import { pickSections, viewItem } from '../note-sections';
import { answeringPassage, answeringSentences } from './passages';

/** An item that fills in for a thin note: its sections for the intents, or its claim when it has none. */
export interface SupportingItem {
  item: Item;
  sections: Section[];
}

/** A passage to quote, cut to the sentences that answer. */
export interface QuotedPassage {
  passage: Passage;
  sentences: string[];
}

export interface ItemEvidence {
  item: Item;
  /** The passage that answers the question when the sections the intents pick leave it out, cut to its answering sentences. */
  passage?: QuotedPassage;
  sections: Section[];
  support: SupportingItem[];
}

export interface SearchDeps {
  kb: KnowledgeBase;
  search: ItemSearch;
  lang: Lang;
}

export function searchItems(deps: SearchDeps, query: string, limit: number): Item[] {
  return deps.search
    .search(query, { limit, lang: deps.lang })
    .map((hit) => deps.kb.byNumber.get(hit.item))
    .filter((item): item is Item => item !== undefined);
}

const plainWords = (text: string): string => text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().toLowerCase();

// Notes do not change while a tutor holds them, so whether a section repeats its claim is decided once.
const repeatsClaim = new WeakMap<Section, boolean>();

function repeatsItsClaim(section: Section, claim: string): boolean {
  let repeats = repeatsClaim.get(section);
  if (repeats === undefined) {
    repeats = plainWords(section.text) === plainWords(claim);
    repeatsClaim.set(section, repeats);
  }
  return repeats;
}

/** The sections of a note that fit the intents, leaving out a section that only repeats the claim. */
function sectionsBeyondClaim(item: Item, intents: readonly Intent[], lang: Lang): { sections: Section[]; exact: boolean } {
  const view = viewItem(item, lang);
  const picked = pickSections(view.text, intents);
  return { sections: picked.sections.filter((s) => !repeatsItsClaim(s, view.text.claim)), exact: picked.exact };
}

/** A section this long, in more passages than this, is a page pasted whole: the passage that answers is shown, not all of it. */
const LONG_SECTION_CHARS = 1200;
const LONG_SECTION_PASSAGES = 2;

function tooLongToShow(item: Item, lang: Lang, section: Section): boolean {
  if (section.text.length <= LONG_SECTION_CHARS) return false;
  return viewItem(item, lang).text.passages.filter((p) => p.section === section.heading).length > LONG_SECTION_PASSAGES;
}

/** Items near a thin note: searched with the note's own claim, so "the second one" finds its neighbours. */
function nearbyItems(deps: SearchDeps, item: Item, question: string, hits: readonly Item[]): Item[] {
  const around = searchItems(deps, `${viewItem(item, deps.lang).text.claim} ${question}`, 4);
  const unique: Item[] = [];
  for (const hit of [...around, ...hits]) {
    if (hit.number !== item.number && !unique.some((u) => u.number === hit.number)) unique.push(hit);
  }
  return unique;
}

/**
 * The evidence an item gives for a question. A note without the sections the intents want borrows
 * one from the closest item that has them; a note that is only its claim (a learner's one-line
 * fact) is filled in by the two closest.
 */
export function itemEvidence(deps: SearchDeps, item: Item, intents: readonly Intent[], question: string, hits: readonly Item[]): ItemEvidence {
  const own = sectionsBeyondClaim(item, intents, deps.lang);
  const evidence: ItemEvidence = { item, sections: own.sections, support: [] };
  const answering = answeringPassage(item, deps.lang, question, intents);
  const holder = answering && own.sections.find((s) => s.heading === answering.section);
  if (answering && (!holder || tooLongToShow(item, deps.lang, holder))) {
    evidence.sections = own.sections.filter((s) => s !== holder);
    evidence.passage = { passage: answering, sentences: answeringSentences(item, deps.lang, answering, question, intents) };
  }
  // A passage that only says the claim again (a one-line fact) leaves the note as thin as before.
  const saysMore = evidence.passage !== undefined && plainWords(evidence.passage.passage.text) !== plainWords(viewItem(item, deps.lang).text.claim);
  const thin = evidence.sections.length === 0 && !saysMore;
  if (own.exact && !thin) return evidence;
  evidence.support = nearbyItems(deps, item, question, hits)
    .map((hit) => ({ hit, found: sectionsBeyondClaim(hit, intents, deps.lang) }))
    .filter(({ found }) => thin || found.exact)
    .slice(0, thin ? 2 : 1)
    .map(({ hit, found }) => ({ item: hit, sections: found.sections }));
  return evidence;
}
