/**
 * Understanding one turn: each sub-question becomes a plan that says what it asks (intents),
 * what it gives (numbers, loss names) and which item answers it: an item it names, the item
 * the message names, a loss it names, the item "it" refers to, or the best search hit.
 */
import type { Item, KnowledgeBase } from '../kb/item';
import type { Intent } from './intent';
import { resolveItemReference } from './item-reference';
import type { LossMention } from './loss-mention';
import type { ExtractedNumbers } from './understand/number-extraction';
import type { PartReading } from './understand/part-reading';
import type { SessionState } from './session-state';
import type { TurnContext } from './turn-context';

export type ItemSource = 'reference' | 'conversation' | 'loss name' | 'search';

/** One sub-question, understood. */
export interface PartPlan {
  question: string;
  intents: Intent[];
  numbers: ExtractedNumbers;
  mentions: LossMention[];
  item?: Item;
  /** How the item was chosen: only a reference or the conversation may settle an ambiguous loss name. */
  source: ItemSource;
  /** For comparisons: the other items named. */
  others: Item[];
  /** Closest items by search, best first. */
  hits: Item[];
}

/** The item about a loss; when several are (34, 35 and 39 are all "combined"), the one search ranks first. */
function itemForLoss(kb: KnowledgeBase, lossId: string, hits: Item[]): Item | undefined {
  const about = kb.items.filter((item) => item.loss === lossId);
  return hits.find((hit) => about.includes(hit)) ?? about[0];
}

export function searchItems(ctx: TurnContext, query: string, limit: number): Item[] {
  return ctx.search
    .search(query, { limit, lang: ctx.lang })
    .map((hit) => ctx.kb.byNumber.get(hit.item))
    .filter((item): item is Item => item !== undefined);
}

function planPart(ctx: TurnContext, part: PartReading, named: Item | undefined, topic: Item | undefined, state: SessionState): PartPlan {
  const { question, numbers, intents, mentions, references } = part;
  const own = resolveItemReference(references, ctx.kb, state);
  const ownItem = own.status === 'item' && own.via !== 'pronoun' ? ctx.kb.byNumber.get(own.number) : undefined;
  const pronounItem = own.status === 'item' && own.via === 'pronoun' ? ctx.kb.byNumber.get(own.number) : undefined;
  const hits = searchItems(ctx, question, 4);
  const mentioned = mentions
    .map((m) => {
      const id = m.status === 'found' ? m.id : m.exact;
      return id === undefined ? undefined : itemForLoss(ctx.kb, id, hits);
    })
    .filter((item): item is Item => item !== undefined);
  // "How does it compare with MAE?": "it" is one side of the comparison, the loss named the other.
  const comparing = intents[0] === 'comparison' ? pronounItem : undefined;
  // A question with its own subject ("which loss suits imbalanced data?") is searched; a bare
  // follow-up ("what are the pitfalls?") stays on the topic.
  const searched = part.ownSubject && !hits.slice(0, 3).some((hit) => hit.number === topic?.number) ? hits[0] : undefined;
  const choices: [Item | undefined, ItemSource][] = [
    [ownItem, 'reference'], [named, 'reference'], [comparing, 'conversation'], [mentioned[0], 'loss name'],
    [pronounItem, 'conversation'], [searched, 'search'], [topic, 'conversation'], [hits[0], 'search'],
  ];
  const [item, source] = choices.find(([candidate]) => candidate !== undefined) ?? [undefined, 'search'];
  // "item 6 vs item 7": every item the part refers to is a side of the comparison, not only the first.
  const referenced = references
    .map((ref) => (ref.kind === 'number' || ref.kind === 'quote' ? ctx.kb.byNumber.get(ref.number) : undefined))
    .filter((candidate): candidate is Item => candidate !== undefined);
  const sides = intents[0] === 'comparison' ? [...referenced, ...mentioned] : mentioned;
  const others = sides.filter((side, i) => side.number !== item?.number && sides.indexOf(side) === i);
  const plan: PartPlan = { question, intents, numbers, mentions, others, hits, source };
  if (item) plan.item = item;
  return plan;
}

/** Plans every part in order; each part's item becomes the topic "it" means in the next part. */
export function planParts(ctx: TurnContext, questions: PartReading[], named: Item | undefined, state: SessionState): PartPlan[] {
  let topic = named ?? (state.topic === undefined ? undefined : ctx.kb.byNumber.get(state.topic));
  return questions.map((question) => {
    const plan = planPart(ctx, question, named, topic, { ...state, topic: topic?.number });
    if (plan.item) topic = plan.item;
    return plan;
  });
}

/** The loss an item is about: its front matter says, or a loss its title or claim names (a learner's list). */
export function lossOf(ctx: TurnContext, item: Item | undefined): string | undefined {
  if (!item) return undefined;
  if (item.loss) return item.loss;
  const named = ctx.finder.find(`${item.title} ${item.claim}`).find((m) => m.status === 'found');
  return named?.status === 'found' ? named.id : undefined;
}
