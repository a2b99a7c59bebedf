/**
 * Quizzes from the notes: pick a question (misses first), then grade the learner's free-text
 * reply against the question's keyword groups, or against the model answer's words.
 */
import type { Item, KnowledgeBase, QuizQuestion } from '../kb/item';
import { stem } from '../search/english-stem';
import type { Lang } from './language';
import { viewItem } from './note-sections';
import type { SessionState } from './session-state';

export interface QuizPick {
  item: number;
  question: number;
}

/**
 * A miss among the items asked about comes back first, else the first of them; without items, the
 * oldest miss, then the topic.
 */
export function pickQuestion(kb: KnowledgeBase, state: SessionState, items: number[] = []): QuizPick | undefined {
  const hasQuiz = (n: number | undefined): n is number => n !== undefined && (kb.byNumber.get(n)?.quiz.length ?? 0) > 0;
  const asked = items.filter(hasQuiz);
  if (items.length > 0) {
    // None has questions: the first is asked about its own claim.
    const first = asked[0] ?? items[0]!;
    return state.missed.find((m) => asked.includes(m.item)) ?? { item: first, question: 0 };
  }
  const missed = state.missed[0];
  if (missed) return missed;
  const candidates = [state.topic, ...state.lastShown];
  // Notes without any questions: the topic, else the first note, is asked about its claim.
  const withoutAny = kb.items.every((i) => i.quiz.length === 0) ? (state.topic ?? kb.items[0]?.number) : undefined;
  const item = candidates.find(hasQuiz) ?? kb.items.find((i) => i.quiz.length > 0)?.number ?? withoutAny;
  return item === undefined ? undefined : { item, question: 0 };
}

/**
 * "next question": the question after the last one asked on the same item, then the next item that
 * has questions (a card holds one, so the quiz moves on rather than asking it again), or, in notes
 * without any, the next note, asked about its claim; with no quiz so far, the oldest miss, then the topic.
 */
export function pickNextQuestion(kb: KnowledgeBase, state: SessionState): QuizPick | undefined {
  const last = state.lastQuiz;
  if (last === undefined) return pickQuestion(kb, state);
  const count = kb.byNumber.get(last.item)?.quiz.length ?? 0;
  if (last.question + 1 < count) return { item: last.item, question: last.question + 1 };
  const withQuiz = kb.items.filter((item) => item.quiz.length > 0);
  const pool = withQuiz.length > 0 ? withQuiz : kb.items;
  const at = kb.items.findIndex((item) => item.number === last.item);
  const next = pool.find((item) => kb.items.indexOf(item) > at) ?? pool[0];
  return next === undefined ? undefined : { item: next.number, question: 0 };
}

/** The item a quiz request names by a loss ("quiz me on focal loss"): the first about that loss with questions. */
export function quizItemForLoss(kb: KnowledgeBase, lossId: string): Item | undefined {
  const about = kb.items.filter((item) => item.loss === lossId);
  return about.find((item) => item.quiz.length > 0) ?? about[0];
}

/** A note without questions is asked what it says: its claim is the model answer. */
export const asksAboutClaim = (item: Item): boolean => item.quiz.length === 0;

export function quizQuestion(item: Item, pick: QuizPick, lang: Lang): QuizQuestion | undefined {
  if (asksAboutClaim(item)) return pick.question === 0 ? { question: '', answer: viewItem(item, lang).text.claim } : undefined;
  const translated = (item.translations[lang] ?? item.translations[lang === 'zh-Hans' ? 'zh-Hant' : lang])?.quiz[pick.question];
  return translated ?? item.quiz[pick.question];
}

const giveUp = /^\s*(?:(?:i don'?t know|no idea|not sure|idk)(?![a-z])|不知道|不會)/i;
const stopWords = new Set(['the', 'and', 'that', 'this', 'with', 'from', 'because', 'every', 'then', 'more', 'than', 'into', 'each', 'which', 'their', 'they', 'what', 'when']);

function contentWords(text: string): string[] {
  const latin = (text.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => !stopWords.has(w));
  const chars = [...text].filter((c) => /\p{Script=Han}/u.test(c));
  const bigrams = chars.slice(1).map((c, i) => `${chars[i]}${c}`);
  return [...new Set([...latin, ...bigrams])];
}

/** A reply word matches a keyword if either is a prefix of the other ("grows" ~ "grow"). */
function mentions(reply: string, keyword: string): boolean {
  const lower = reply.toLowerCase();
  const key = keyword.toLowerCase();
  if (lower.includes(key)) return true;
  return (lower.match(/[a-z]{4,}/g) ?? []).some((word) => key.length >= 4 && (word.startsWith(key) || key.startsWith(word)));
}

const stems = (text: string): string[] => (text.toLowerCase().match(/[a-z0-9]{2,}/g) ?? []).filter((w) => !stopWords.has(w)).map(stem);

/**
 * A flashcard back's headline, the part before its first ':' ';' or ', ' ("Mean squared error: the
 * average of…" → "Mean squared error"); none when the back is one piece.
 */
function headline(answer: string): string | undefined {
  const [head, ...rest] = answer.split(/[:;]|,\s/);
  return rest.length > 0 && head !== undefined && head.trim() !== '' ? head : undefined;
}

/** The reply names every word of the answer's headline (stemmed, any case): the answer itself. */
function namesHeadline(reply: string, answer: string): boolean {
  const head = headline(answer);
  const wanted = head === undefined ? [] : stems(head);
  const said = new Set(stems(reply));
  return wanted.length > 0 && wanted.every((word) => said.has(word));
}

/** One idea a right answer holds: the model answer's own words for it, and the words that show it in a reply. */
export interface KeyIdea {
  /** The clause of the model answer that says it. */
  text: string;
  /** The words that show it: a keyword group, else the clause's content words. */
  words: string[];
  /** How many of them a text must hold to say it: one of a keyword group, a share of a clause's words. */
  need: number;
}

/** At least this share of an answer's content words shows the answer (or one of its ideas) in other words. */
const ENOUGH_WORDS = 0.4;

/** Clauses of a model answer: split at commas, semicolons, colons and sentence ends (not decimal points). */
function clauses(answer: string): string[] {
  return answer
    .split(/(?<!\d)\.(?!\d)|[,;:!?，；：、。！？]/u)
    .map((clause) => clause.trim())
    .filter((clause) => contentWords(clause).length > 0);
}

/** The clause a keyword group's idea is said in: the first clause holding its first keyword that any clause holds. */
function clauseFor(group: string[], all: string[]): string {
  for (const keyword of group) {
    const clause = all.find((c) => mentions(c, keyword));
    if (clause) return clause;
  }
  return group[0] ?? '';
}

/** The ideas of a model answer: one per keyword group, else one per clause. */
export function keyIdeas(question: QuizQuestion): KeyIdea[] {
  const all = clauses(question.answer);
  if (question.keywords && question.keywords.length > 0) return question.keywords.map((group) => ({ text: clauseFor(group, all), words: group, need: 1 }));
  return all.map((clause) => {
    const words = contentWords(clause);
    return { text: clause, words, need: Math.ceil(words.length * ENOUGH_WORDS) };
  });
}

export interface Grade {
  correct: boolean;
  /** Not right, but some of the answer's ideas are in the reply. */
  partly: boolean;
  /** Keyword groups the reply did not touch. */
  missing: string[][];
  /** What the model answer holds that the reply does not (none when the reply is right). */
  missingIdeas: KeyIdea[];
}

/** Whether a text (a reply, a passage of the note) says the idea. */
export const saysIdea = (text: string, idea: KeyIdea): boolean => idea.words.filter((word) => mentions(text, word)).length >= idea.need;

function graded(correct: boolean, ideas: KeyIdea[], missingIdeas: KeyIdea[], missing: string[][] = []): Grade {
  if (correct) return { correct, partly: false, missing, missingIdeas: [] };
  return { correct, partly: missingIdeas.length < ideas.length, missing, missingIdeas };
}

export function gradeReply(reply: string, question: QuizQuestion): Grade {
  const ideas = keyIdeas(question);
  if (giveUp.test(reply)) return graded(false, ideas, ideas, question.keywords ?? []);
  if (question.keywords && question.keywords.length > 0) {
    const missing = question.keywords.filter((group) => !group.some((keyword) => mentions(reply, keyword)));
    const missingIdeas = ideas.filter((idea, i) => missing.includes(question.keywords![i]!));
    return graded(missing.length === 0, ideas, missingIdeas, missing);
  }
  if (namesHeadline(reply, question.answer)) return graded(true, ideas, []);
  const expected = contentWords(question.answer);
  const found = expected.filter((word) => mentions(reply, word));
  // A back with a headline is answered by naming it, so a reply that does not has missed it.
  const head = headline(question.answer)?.trim();
  const missingIdeas = ideas.filter((idea) => idea.text === head || !saysIdea(reply, idea));
  return graded(expected.length > 0 && found.length / expected.length >= ENOUGH_WORDS, ideas, missingIdeas);
}
