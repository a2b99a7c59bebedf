/**
 * The ground stage, the only one that searches: for each part of a turn, the item that answers
 * it (an item it names, the item the message names, a loss it names, the item "it" refers to,
 * or the best search hit), the other sides of a comparison, the closest hits, and what each of
 * those notes says for the question.
 */
import type { Item, KnowledgeBase, QuizQuestion } from '../../kb/item';
import type { ItemSearch } from '../../search/hit';
import type { Intent } from '../intent';
import { resolveItemReference, type ResolvedReference } from '../item-reference';
import type { LossMention } from '../loss-mention';
import { keyIdeas, quizItemForLoss, quizQuestion, saysIdea, type KeyIdea, type QuizPick } from '../quiz';
import type { SessionState } from '../session-state';
import type { PartReading } from '../understand/part-reading';
import type { TurnReading } from '../understand/turn-reading';
import type { Lang } from '../language';
import { itemEvidence, searchItems, type ItemEvidence, type QuotedPassage, type SearchDeps } from './item-evidence';
import { rankPassages } from '../../search/passage-ranking';
import { viewItem } from '../note-sections';
import { answeringSentences } from './passages';

export type ItemSource = 'reference' | 'conversation' | 'loss name' | 'search';

/** One part, grounded in the notes. */
export interface GroundedPart {
  reading: PartReading;
  item?: Item;
  /** How the item was chosen: only a reference or the conversation may settle an ambiguous loss name. */
  source: ItemSource;
  /** For comparisons: the other items named. */
  others: Item[];
  /** Closest items by search, best first. */
  hits: Item[];
  /**
   * What the notes say for the part, when it may be answered from them (not a calculation): the
   * item's evidence, or for a comparison each side's, in order.
   */
  evidence: ItemEvidence[];
}

export interface GroundedTurn {
  reading: TurnReading;
  /** The item the message names (not by pronoun): its claim opens the answer. */
  named?: Item;
  parts: GroundedPart[];
  /** What a quiz request names: an item it refers to, else a loss it names ("quiz me on focal loss"). */
  quizSubject?: Item;
  /**
   * Items with quiz questions on what the request names, best first: the subject itself when it has
   * questions, then cards found by search (learner notes rarely tag a flashcard with its loss).
   */
  quizItems: Item[];
  /** A reply to the open quiz question: that question, and where its note says each idea of the answer. */
  openQuiz?: GroundedQuiz;
}

/** A key idea of a quiz answer with the passage of the note that says it, when one does. */
export interface GroundedIdea {
  idea: KeyIdea;
  passage?: QuotedPassage;
  /** No passage says it but the note's claim does. */
  inClaim?: true;
}

export interface GroundedQuiz {
  item: Item;
  pick: QuizPick;
  question: QuizQuestion;
  ideas: GroundedIdea[];
}

export interface GroundDeps {
  kb: KnowledgeBase;
  search: ItemSearch;
}

/**
 * The item about a loss; when several are (34, 35 and 39 are all "combined"), the one search ranks
 * first. A learner's notes say no loss in front matter: a side of a comparison is there the note
 * the name finds first.
 */
function itemForLoss(deps: SearchDeps, lossId: string, said: string, hits: Item[], side: boolean): Item | undefined {
  const about = deps.kb.items.filter((item) => item.loss === lossId);
  if (about.length === 0) return side ? searchItems(deps, said, 1)[0] : undefined;
  return hits.find((hit) => about.includes(hit)) ?? about[0];
}

/** A part asks for a calculation rather than the notes: a follow-up on the numbers, a computation, a worked example. */
function asksCalculation(part: PartReading, state: SessionState): boolean {
  const [main] = part.intents;
  if (main === 'quiz') return false;
  return part.rerun || main === 'computation' || main === 'example' || state.pending?.calc !== undefined;
}

/**
 * Named parts of machine learning other than losses (optimizers, layers, architectures): a question
 * about one is answered from the notes only if some note speaks of it, never with a loosely
 * related note ("how does adam choose its learning rate?" is not about weighted losses).
 */
const outsideSubjects = /\b(?:adam(?:w)?|adagrad|adadelta|rmsprop|sgd|nesterov|momentum|dropout|batch\s*norm(?:ali[sz]ation)?|layer\s*norm(?:ali[sz]ation)?|transformers?|attention|convolution(?:al)?|lstm|rnn|resnet|backpropagation)\b/giu;

function noteSpeaksOf(deps: SearchDeps, subject: string): boolean {
  const word = subject.toLowerCase().replace(/\s+/g, ' ');
  const says = (item: Item): boolean => [item.title, item.claim, ...item.sections.map((s) => s.text)].some((text) => text.toLowerCase().replace(/\s+/g, ' ').includes(word));
  return searchItems(deps, subject, 5).some(says);
}

/** The subjects outside the notes' field the question names that no note speaks of. */
function uncoveredSubjects(deps: SearchDeps, part: PartReading): string[] {
  // "its" may be the subject's own ("adam … its learning rate"); an item or loss named is the notes' field.
  if (part.references.some((ref) => ref.kind !== 'pronoun') || part.mentions.length > 0) return [];
  const named = [...new Set((part.question.match(outsideSubjects) ?? []).map((m) => m.toLowerCase()))];
  return named.filter((subject) => !noteSpeaksOf(deps, subject));
}

function groundPart(deps: SearchDeps, part: PartReading, named: Item | undefined, topic: Item | undefined, state: SessionState): GroundedPart {
  const { kb } = deps;
  const { question, intents, mentions, references } = part;
  if (uncoveredSubjects(deps, part).length > 0) return { reading: part, others: [], hits: [], source: 'search', evidence: [] };
  const own = resolveItemReference(references, kb, state);
  const ownItem = own.status === 'item' && own.via !== 'pronoun' ? kb.byNumber.get(own.number) : undefined;
  const pronounItem = own.status === 'item' && own.via === 'pronoun' ? kb.byNumber.get(own.number) : undefined;
  const hits = searchItems(deps, question, 4);
  const itemsFor = (side: boolean): Item[] => mentions
    .map((m) => {
      const id = m.status === 'found' ? m.id : m.exact;
      return id === undefined ? undefined : itemForLoss(deps, id, m.matched, hits, side);
    })
    .filter((item): item is Item => item !== undefined);
  const mentioned = itemsFor(false);
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
    .map((ref) => (ref.kind === 'number' || ref.kind === 'quote' ? kb.byNumber.get(ref.number) : undefined))
    .filter((candidate): candidate is Item => candidate !== undefined);
  const sides = intents[0] === 'comparison' ? [...referenced, ...itemsFor(true)] : mentioned;
  const others = sides.filter((side, i) => side.number !== item?.number && sides.indexOf(side) === i);
  const grounded: GroundedPart = { reading: part, others, hits, source, evidence: [] };
  if (!item) return grounded;
  grounded.item = item;
  if (asksCalculation(part, state)) return grounded;
  const comparison = intents[0] === 'comparison' && others.length > 0;
  grounded.evidence = comparison
    ? [item, ...others].map((side) => itemEvidence(deps, side, ['comparison'] as Intent[], question, []))
    : [itemEvidence(deps, item, intents, question, hits)];
  return grounded;
}

/** Grounds every part in order; each part's item becomes the topic "it" means in the next part. */
function groundParts(deps: SearchDeps, parts: PartReading[], named: Item | undefined, state: SessionState): GroundedPart[] {
  let topic = named ?? (state.topic === undefined ? undefined : deps.kb.byNumber.get(state.topic));
  return parts.map((part) => {
    const grounded = groundPart(deps, part, named, topic, { ...state, topic: topic?.number });
    if (grounded.item) topic = grounded.item;
    return grounded;
  });
}

function quizSubject(kb: KnowledgeBase, resolved: ResolvedReference, mentions: LossMention[]): Item | undefined {
  if (resolved.status === 'item') return kb.byNumber.get(resolved.number);
  for (const mention of mentions) {
    const id = mention.status === 'found' ? mention.id : (mention.exact ?? mention.candidates[0]);
    const item = id === undefined ? undefined : quizItemForLoss(kb, id);
    if (item) return item;
  }
  return undefined;
}

/** What to search for a quiz on: the subject's title and claim, else the loss named in the request. */
function quizQuery(subject: Item | undefined, mentions: LossMention[]): string | undefined {
  if (subject) return `${subject.title} ${subject.claim}`;
  return mentions.map((m) => m.matched).join(' ') || undefined;
}

function quizItems(deps: SearchDeps, subject: Item | undefined, mentions: LossMention[]): Item[] {
  if (subject && subject.quiz.length > 0) return [subject];
  const query = quizQuery(subject, mentions);
  const found = query === undefined ? [] : searchItems(deps, query, 8);
  return found.filter((item) => item.quiz.length > 0);
}

/**
 * Where the note says an idea: of its passages sharing the idea's words, the best ranked that says
 * it, cut to the sentences holding its words; else the note's claim, if that says it.
 */
function groundIdea(item: Item, lang: Lang, idea: KeyIdea): GroundedIdea {
  const text = viewItem(item, lang).text;
  const ranked = rankPassages(item, text, `${idea.text} ${idea.words.join(' ')}`);
  const passage = ranked.map((r) => r.passage).find((p) => saysIdea(p.text, idea));
  if (passage) return { idea, passage: { passage, sentences: answeringSentences(item, lang, passage, idea.words.join(' '), []) } };
  return saysIdea(text.claim, idea) ? { idea, inClaim: true } : { idea };
}

/** The open quiz question a reply answers, with its ideas grounded in the note; none when the notes no longer have it. */
function groundOpenQuiz(kb: KnowledgeBase, state: SessionState, lang: Lang): GroundedQuiz | undefined {
  const pick = state.quiz;
  const item = pick && kb.byNumber.get(pick.item);
  const question = item && pick && quizQuestion(item, pick, lang);
  if (!item || !pick || !question) return undefined;
  return { item, pick, question, ideas: keyIdeas(question).map((idea) => groundIdea(item, lang, idea)) };
}

/** Small talk, quiz turns (but a quiz on a subject without questions of its own) and references to items that do not exist are not searched for. */
const answeredFromNotes = (reading: TurnReading): boolean => reading.act === 'question' && reading.reference.status !== 'missing';

export function ground(reading: TurnReading, state: SessionState, deps: GroundDeps): GroundedTurn {
  const { kb } = deps;
  const resolved = reading.reference;
  // A pronoun is resolved part by part ("What is MSE? How does it compare…" means MSE, not the old topic).
  const named = resolved.status === 'item' && resolved.via !== 'pronoun' ? kb.byNumber.get(resolved.number) : undefined;
  const grounded: GroundedTurn = { reading, parts: [], quizItems: [] };
  if (named) grounded.named = named;
  if (reading.act === 'quiz_request') {
    const subject = quizSubject(kb, resolved, reading.mentions);
    if (subject) grounded.quizSubject = subject;
    grounded.quizItems = quizItems({ ...deps, lang: reading.lang }, subject, reading.mentions);
  }
  if (reading.act === 'quiz_reply') {
    const open = groundOpenQuiz(kb, state, reading.lang);
    if (open) grounded.openQuiz = open;
  }
  if (answeredFromNotes(reading)) grounded.parts = groundParts({ ...deps, lang: reading.lang }, reading.parts, named, state);
  return grounded;
}
