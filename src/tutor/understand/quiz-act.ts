/**
 * What a turn does to a quiz: asks for one ("quiz me on focal loss"), asks for the next question,
 * or answers the open one. An answer is a statement; a question or a request ("what is MSE?",
 * "explain item 6") is answered as such and the quiz question stays open.
 */
import { detectIntents } from '../intent';
import type { SessionState } from '../session-state';

const nextQuestionPattern = /^\s*(?:(?:the\s+)?next(?:\s+(?:question|one))?|another(?:\s+(?:question|one))?|one more(?:\s+question)?|(?:give me |ask me )?(?:a |another )?(?:new|different) question|下一題|下一题|再來一題|再来一题|再一題|再一题)(?:\s+please)?[\s!.?？！。]*$/iu;

/**
 * "next question", "another one": a request for the next quiz question. "next question" always is;
 * the shorter forms only once the conversation has had a quiz.
 */
export function asksNextQuestion(text: string, state: SessionState): boolean {
  if (!nextQuestionPattern.test(text)) return false;
  return /question|題|题/iu.test(text) || state.lastQuiz !== undefined || state.quiz !== undefined;
}

/** A turn that opens with a question word or a request verb, or ends the way Chinese questions end. */
const asksOrRequests =
  /^\s*(?:(?:so|and|but|ok(?:ay)?|wait|hmm+|then)[,\s]+)?(?:what(?:'s)?|whats|why|how|when|which|who|where|is|are|does|do|did|can|could|should|would|will|explain|tell me|show me|describe|define|compare|compute|calculate|give me|help)\b|^\s*(?:什麼|甚麼|為什麼|如何|怎麼|怎樣|哪|請|解釋|說明|計算|比較|給我|舉)|[嗎呢][?？]?\s*$/iu;
const questionWord = /\b(?:what|why|how|when|which|who|where)\b/iu;
// Chinese asks with its question words wherever they stand, with or without a question mark.
const hanQuestionWord = /什麼|甚麼|為什麼|如何|怎麼|怎樣|哪/u;

/**
 * A statement: neither a question nor a request. A tentative answer ("it squares the errors?")
 * is still a statement; a short one ending in a question mark ("huber?") is a question.
 */
export function isStatement(text: string): boolean {
  if (asksOrRequests.test(text) || hanQuestionWord.test(text)) return false;
  if (!/[?？]\s*$/.test(text)) return true;
  const words = text.trim().split(/\s+/).length;
  return words > 3 && !questionWord.test(text);
}

/** While a question is open, a statement is its answer unless it asks for a new quiz or the next question. */
export function isQuizReply(text: string, state: SessionState): boolean {
  if (state.quiz === undefined) return false;
  if (detectIntents(text)[0] === 'quiz' || asksNextQuestion(text, state)) return false;
  return isStatement(text);
}
