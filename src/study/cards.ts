/**
 * Study cards from the notes, pure: each item's quiz questions, a flashcard row as it was written,
 * and a cloze card from each item's claim. A card names its item and the passage that answers it,
 * which a review shows once the learner has replied.
 */
import type { Item, KnowledgeBase, Passage, QuizQuestion } from '../kb/item';

export type CardKind = 'quiz' | 'flashcard' | 'cloze';

export interface CardContent {
  /** Stable while the item keeps its number and its questions their order: "35/quiz/1", "35/cloze". */
  id: string;
  item: number;
  /** The passage shown after the reply ("35.4"); absent when the item has no passage. */
  passage?: string;
  kind: CardKind;
  prompt: string;
  answer: string;
}

/** A flashcard export (Anki, a question/answer table) makes one item per row; its source says which row. */
const isFlashcardRow = (item: Item): boolean => /#row=\d+$/.test(item.source);

const STOP = new Set(['the', 'and', 'that', 'this', 'with', 'from', 'because', 'every', 'then', 'more', 'than', 'into', 'each', 'which', 'their', 'they', 'what', 'when', 'such', 'gives', 'other', 'another', 'also', 'only', 'over', 'same', 'makes', 'them', 'these', 'those', 'where', 'while', 'loss', 'losses', 'function', 'functions']);

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}][\p{L}\p{N}'’-]{3,}/gu) ?? [];

/** The passage sharing the most words with the text, outside the quiz section (which holds the question itself). */
function answeringPassage(item: Item, text: string): Passage | undefined {
  const wanted = new Set(words(text).filter((w) => !STOP.has(w)));
  const candidates = item.passages.filter((p) => p.sectionName !== 'quiz');
  let best: Passage | undefined;
  let bestScore = 0;
  for (const passage of candidates) {
    const score = new Set(words(passage.text).filter((w) => wanted.has(w))).size;
    if (score > bestScore) [best, bestScore] = [passage, score];
  }
  return best ?? candidates[0] ?? item.passages[0];
}

/**
 * The claim's word the note dwells on most, outside the title (the title would give it away): what
 * the cloze card blanks. Ties go to the word the claim uses first.
 */
function clozeWord(item: Item): string | undefined {
  const title = new Set(words(item.title));
  const body = words(item.sections.map((s) => s.text).join(' '));
  const counts = new Map<string, number>();
  for (const word of body) counts.set(word, (counts.get(word) ?? 0) + 1);
  const candidates = [...new Set(words(item.claim))].filter((w) => !STOP.has(w) && !title.has(w) && w.length >= 5);
  let best: string | undefined;
  for (const word of candidates) if (best === undefined || (counts.get(word) ?? 0) > (counts.get(best) ?? 0)) best = word;
  return best;
}

function clozeCard(item: Item): CardContent | undefined {
  const word = clozeWord(item);
  if (word === undefined) return undefined;
  // The whole word, not a word it begins ("weight" inside "Weighted").
  const at = new RegExp(`(?<![\\p{L}\\p{N}'’-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}'’-])`, 'iu').exec(item.claim)?.index ?? -1;
  if (at < 0) return undefined;
  const prompt = `${item.claim.slice(0, at)}[...]${item.claim.slice(at + word.length)}`;
  return withPassage({ id: `${item.number}/cloze`, item: item.number, kind: 'cloze', prompt, answer: item.claim.slice(at, at + word.length) }, answeringPassage(item, item.claim));
}

function withPassage(card: CardContent, passage: Passage | undefined): CardContent {
  return passage ? { ...card, passage: passage.id } : card;
}

/** One item's cards: a flashcard row as it is; otherwise its quiz questions and its claim's cloze. */
export function cardsOfItem(item: Item): CardContent[] {
  if (isFlashcardRow(item)) {
    const [row] = item.quiz;
    if (!row) return [];
    return [withPassage({ id: `${item.number}/flashcard`, item: item.number, kind: 'flashcard', prompt: row.question, answer: row.answer }, answeringPassage(item, row.answer))];
  }
  const quiz = item.quiz.map((q, n) => withPassage({ id: `${item.number}/quiz/${n}`, item: item.number, kind: 'quiz', prompt: q.question, answer: q.answer }, answeringPassage(item, `${q.question} ${q.answer}`)));
  const cloze = clozeCard(item);
  return cloze ? [...quiz, cloze] : quiz;
}

// A knowledge base never changes once loaded (a changed folder is loaded anew), so its cards are made once.
const madeFor = new WeakMap<KnowledgeBase, readonly CardContent[]>();

export function cardsOf(kb: KnowledgeBase): readonly CardContent[] {
  let cards = madeFor.get(kb);
  if (!cards) madeFor.set(kb, (cards = kb.items.flatMap(cardsOfItem)));
  return cards;
}

/**
 * The question the answer checker grades a reply to the card against: a quiz card keeps its note's
 * keyword groups, a cloze card wants its blanked word, a flashcard the words of its back.
 */
export function checkedQuestion(card: CardContent, kb: KnowledgeBase): QuizQuestion {
  const base = { question: card.prompt, answer: card.answer };
  const item = kb.byNumber.get(card.item);
  if (card.kind === 'cloze') return { ...base, keywords: [[card.answer]] };
  const question = card.kind === 'quiz' ? item?.quiz[Number(card.id.split('/')[2])] : undefined;
  return question?.keywords && question.question === card.prompt ? { ...base, keywords: question.keywords } : base;
}
