/**
 * Quizzes from the notes: pick a question (misses first), then grade the learner's free-text
 * reply against the question's keyword groups, or against the model answer's words.
 */
import type { Item, KnowledgeBase, QuizQuestion } from '../kb/item';
import type { SessionState } from './session-state';

export interface QuizPick {
  item: number;
  question: number;
}

/** A miss on the item comes back first; without an item, the oldest miss, then the topic. */
export function pickQuestion(kb: KnowledgeBase, state: SessionState, itemNumber?: number): QuizPick | undefined {
  const hasQuiz = (n: number | undefined): n is number => n !== undefined && (kb.byNumber.get(n)?.quiz.length ?? 0) > 0;
  if (itemNumber !== undefined) {
    if (!hasQuiz(itemNumber)) return undefined;
    return state.missed.find((m) => m.item === itemNumber) ?? { item: itemNumber, question: 0 };
  }
  const missed = state.missed[0];
  if (missed) return missed;
  const candidates = [state.topic, ...state.lastShown];
  const item = candidates.find(hasQuiz) ?? kb.items.find((i) => i.quiz.length > 0)?.number;
  return item === undefined ? undefined : { item, question: 0 };
}

/**
 * "next question": the question after the last one asked on the same item (round again when the
 * item has no more); with no quiz so far, the oldest miss, then the topic.
 */
export function pickNextQuestion(kb: KnowledgeBase, state: SessionState): QuizPick | undefined {
  const last = state.lastQuiz;
  const count = last === undefined ? 0 : (kb.byNumber.get(last.item)?.quiz.length ?? 0);
  if (last === undefined || count === 0) return pickQuestion(kb, state);
  return { item: last.item, question: (last.question + 1) % count };
}

/** The item a quiz request names by a loss ("quiz me on focal loss"): the first about that loss with questions. */
export function quizItemForLoss(kb: KnowledgeBase, lossId: string): Item | undefined {
  const about = kb.items.filter((item) => item.loss === lossId);
  return about.find((item) => item.quiz.length > 0) ?? about[0];
}

export function quizQuestion(item: Item, pick: QuizPick, lang: string): QuizQuestion | undefined {
  const translated = (item.translations[lang] ?? item.translations[lang === 'zh-Hans' ? 'zh-Hant' : lang])?.quiz[pick.question];
  return translated ?? item.quiz[pick.question];
}

const giveUp = /^\s*(?:i don'?t know|no idea|skip|pass|not sure|idk|不知道|不會|跳過)\b/i;
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

export interface Grade {
  correct: boolean;
  /** Keyword groups the reply did not touch. */
  missing: string[][];
}

export function gradeReply(reply: string, question: QuizQuestion): Grade {
  if (giveUp.test(reply)) return { correct: false, missing: question.keywords ?? [] };
  if (question.keywords && question.keywords.length > 0) {
    const missing = question.keywords.filter((group) => !group.some((keyword) => mentions(reply, keyword)));
    return { correct: missing.length === 0, missing };
  }
  const expected = contentWords(question.answer);
  const found = expected.filter((word) => mentions(reply, word));
  return { correct: expected.length > 0 && found.length / expected.length >= 0.4, missing: [] };
}
