/**
 * Which parts of a note answer which kind of question, in the learner's language when the note
 * has a translation.
 */
import type { Item, ItemText, Section, SectionName } from '../kb/item';
import type { Intent } from './intent';
import { writingLang, type Lang } from './language';

export interface ItemView {
  item: Item;
  text: ItemText;
  /** False when the learner asked in another language and the note has no translation. */
  inLearnersLanguage: boolean;
}

export function viewItem(item: Item, lang: Lang): ItemView {
  if (lang === 'en') return { item, text: item, inLearnersLanguage: true };
  const translated = item.translations[lang] ?? item.translations[writingLang(lang)];
  if (translated) return { item, text: translated, inLearnersLanguage: true };
  // A note the learner wrote in Chinese is in their language, in either script.
  return { item, text: item, inLearnersLanguage: primaryLanguage(item.lang) === primaryLanguage(lang) };
}

const primaryLanguage = (tag: string): string => tag.split('-')[0]!.toLowerCase();

const sectionsByIntent: Partial<Record<Intent, SectionName[]>> = {
  definition: ['definition', 'formula'],
  formula: ['formula'],
  how: ['how'],
  training: ['training'],
  when: ['when'],
  pitfalls: ['pitfalls'],
  claim: ['definition'],
  comparison: ['definition', 'when'],
};

const canonicalOrder: SectionName[] = ['definition', 'formula', 'intuition', 'how', 'training', 'when', 'pitfalls', 'example', 'related'];
const fallbackOrder: SectionName[] = ['definition', 'intuition', 'how'];

export function wantedSections(intents: readonly Intent[]): SectionName[] {
  const wanted = new Set(intents.flatMap((intent) => sectionsByIntent[intent] ?? []));
  return canonicalOrder.filter((name) => wanted.has(name));
}

/** The sections of a note that answer the intents; the note's opening when none fits. */
export function pickSections(text: ItemText, intents: readonly Intent[]): { sections: Section[]; exact: boolean } {
  const wanted = wantedSections(intents);
  const found = wanted.map((name) => text.sections.find((s) => s.name === name)).filter((s): s is Section => s !== undefined);
  if (found.length > 0) return { sections: found, exact: true };
  const fallback = fallbackOrder.map((name) => text.sections.find((s) => s.name === name)).find((s) => s !== undefined)
    ?? text.sections.find((s) => s.name !== 'quiz' && s.name !== 'related');
  return { sections: fallback ? [fallback] : [], exact: false };
}

export function hasSection(text: ItemText, name: SectionName): boolean {
  return text.sections.some((s) => s.name === name && s.text.trim().length > 0);
}
