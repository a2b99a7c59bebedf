/**
 * What the search index holds: one document per item and language (an item and each of its
 * translations), with the fields a learner's words can match.
 */
import type { Item, ItemText, KnowledgeBase } from '../kb/item';

export const indexedFields = ['title', 'aliases', 'claim', 'tags', 'body'] as const;

export interface ItemDocument {
  id: string;
  item: number;
  lang: string;
  title: string;
  aliases: string;
  claim: string;
  tags: string;
  body: string;
}

function documentOf(item: Item, text: ItemText): ItemDocument {
  return {
    id: `${item.number}:${text.lang}`,
    item: item.number,
    lang: text.lang,
    title: text.title,
    aliases: [...item.aliases, ...(item.loss ? [item.loss] : [])].join(' ; '),
    claim: text.claim,
    tags: item.tags.join(' '),
    body: text.sections.map((section) => section.text).join('\n'),
  };
}

export const itemDocuments = (kb: KnowledgeBase): ItemDocument[] =>
  kb.items.flatMap((item) => [documentOf(item, item), ...Object.values(item.translations).map((text) => documentOf(item, text))]);
