/**
 * The understand stage: a turn read once, into what every later stage works from. Simplified
 * Chinese is read in its Traditional form, the form the tutor's patterns and translations use.
 */
import type { KnowledgeBase } from '../../kb/item';
import { toTraditional } from '../chinese-script';
import { findItemReferences, resolveItemReference, type ResolvedReference } from '../item-reference';
import { detectLanguage, type Lang } from '../language';
import type { LossFinder, LossMention } from '../loss-mention';
import { splitQuestions } from '../question-split';
import type { SessionState } from '../session-state';
import { readCalculation, type CalculationReading } from './calculation';
import { readDialogueAct, type DialogueAct } from './dialogue-act';
import { detectIntents } from '../intent';
import { readPart, type PartReading } from './part-reading';
import { asksNextQuestion, isQuizReply } from './quiz-act';
import { asksChoiceWithoutTask } from './underspecified-choice';

/** The dialogue act with what the turn does to a quiz, read against the open question. */
export type TurnAct = DialogueAct | 'quiz_reply' | 'next_question' | 'quiz_request';

export interface TurnReading {
  lang: Lang;
  /** The learner's text as the later stages read it. */
  text: string;
  act: TurnAct;
  /** Each question of the message, read on its own (one when the message asks one thing). */
  parts: PartReading[];
  mentions: LossMention[];
  reference: ResolvedReference;
  calculation: CalculationReading;
  /** "which loss is best?" naming no task, data or loss: the answer depends on what is asked back. */
  underspecifiedChoice: boolean;
}

/** Full-width letters, digits and signs ("＃３５") read as their ASCII forms; Chinese punctuation stays. */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/gu, (char) => (/[？！，：；（）]/u.test(char) ? char : String.fromCharCode(char.charCodeAt(0) - 0xfee0)));
}

function readTurnAct(text: string, act: DialogueAct, state: SessionState): TurnAct {
  if (act !== 'question' && act !== 'out_of_scope') return act;
  // Small talk first: "thanks!" while a quiz question is open is not its answer (the question stays open).
  if (isQuizReply(text, state)) return 'quiz_reply';
  if (asksNextQuestion(text, state)) return 'next_question';
  if (act === 'out_of_scope') return act;
  return detectIntents(text)[0] === 'quiz' ? 'quiz_request' : 'question';
}

export function understand(rawText: string, state: SessionState, kb: KnowledgeBase, finder: LossFinder): TurnReading {
  const lang = detectLanguage(rawText, state.lang);
  const halfWidth = toHalfWidth(rawText);
  const text = finder.spellNames(lang === 'zh-Hans' ? toTraditional(halfWidth) : halfWidth);
  const mentions = finder.find(text);
  const references = findItemReferences(text, kb);
  const reference = resolveItemReference(references, kb, state);
  const calculation = readCalculation(text, lang, state);
  const namesSomething = mentions.length > 0 || references.length > 0 || calculation.hasLists || calculation.rerun;
  const act = readTurnAct(text, readDialogueAct(text, { namesSomething }), state);
  // Only a question is answered part by part; the calculation reader need not read small talk or a quiz answer.
  const readsCases = act === 'question';
  return {
    lang,
    text,
    act,
    parts: splitQuestions(text).parts.map((part) => readPart(part, kb, finder, { lang, state, readsCases })),
    mentions,
    reference,
    calculation,
    underspecifiedChoice: mentions.length === 0 && references.length === 0 && asksChoiceWithoutTask(text),
  };
}
