import { losses } from '../core/index';
import type { Item, KnowledgeBase } from '../kb/item';
import type { ItemSearch } from '../search/hit';
import type { AnswerBody, AnswerPart, Calculation, Citation } from '../tutor/answer';
import { compose } from '../tutor/compose/compose';
import type { AnswerPlan } from '../tutor/decide/answer-plan';
import { planTurn } from '../tutor/embedded-tutor';
import type { GroundedTurn } from '../tutor/ground/grounded-turn';
import { createLossFinder } from '../tutor/loss-mention';
import { afterTurn, reviewTurn } from '../tutor/review-turn';
import type { Turn, TurnResult, TutorEngine } from '../tutor/tutor-engine';
import { calculateLossTool, runToolCall } from './calculate-tool';
import { complete, LlmError, type ChatMessage } from './chat-completions';
import { checkNumbers, keepGivenCitations } from './honesty';
import type { LlmOptions } from './llm-options';
import { buildMessages } from './prompt';

export interface LlmTutorDeps {
  kb: KnowledgeBase;
  search: ItemSearch;
  options: LlmOptions;
  onFallback?: (reason: string) => void;
}

/**
 * The items the model is given: those the embedded tutor's stages found for the turn (the item
 * named, each part's item, the sides of a comparison, the closest hits, a quiz's item).
 */
function groundedItems(grounded: GroundedTurn, plan: AnswerPlan): Item[] {
  const quizItem = plan.kind === 'quiz_question' || plan.kind === 'quiz_grade' ? [plan.item] : [];
  const items = [grounded.named, grounded.quizSubject, ...quizItem, ...grounded.parts.flatMap((part) => [part.item, ...part.others, ...part.hits])];
  const unique = new Map<number, Item>();
  for (const item of items) if (item && !unique.has(item.number)) unique.set(item.number, item);
  return [...unique.values()].slice(0, 8);
}

/** All an item says, where the numbers the model may repeat are found. */
const noteText = (item: Item): string => [item.title, item.claim, ...item.sections.map((s) => s.text)].join('\n');

/** The model's "## 1." headings, one part each, when they match the questions the learner asked. */
function splitParts(text: string, questions: AnswerPart[] | undefined): AnswerPart[] | undefined {
  if (!questions) return undefined;
  const sections = text.split(/^(?=##\s)/m).filter((section) => /^##\s/.test(section));
  return questions.map((part, i) => ({ question: part.question, text: (sections.length === questions.length ? sections[i]! : text).trim() }));
}

/**
 * A tutor whose answers are written by an OpenAI-compatible model, kept honest by the knowledge base
 * and the calculator: citations only of items it was given, numbers only from calculate_loss (a
 * wrong value is corrected where the learner sees it). The embedded tutor's understand, ground
 * and decide stages read the turn; the model writes the answer in place of compose, whose answer
 * is the one given when the model fails.
 */
export function createLlmTutor(deps: LlmTutorDeps): TutorEngine {
  const { options } = deps;
  const finder = createLossFinder(losses);
  return {
    async answer(turn: Turn): Promise<TurnResult> {
      turn.signal?.throwIfAborted();
      // A review card and its grading come from the notes as they are (docs/study.md): the model has nothing to add.
      const study = reviewTurn(deps, turn);
      if (study) return study;
      return afterTurn(deps, turn, await answerByModel(turn));
    },
  };

  async function answerByModel(turn: Turn): Promise<TurnResult> {
    const planned = planTurn(deps, finder, turn.text, turn.state);
    const lang = planned.grounded.reading.lang;
    // The plan in the embedded tutor's words: its parts, its calculations, and the answer if the model fails.
    const grounded = { answer: compose(planned.plan, { lang, nameOf: finder.nameOf }), state: planned.state };
    const items = groundedItems(planned.grounded, planned.plan);
    const given = new Map<number, Citation>(items.map((item) => [item.number, { item: item.number, title: item.title, source: item.source }]));
    const messages: ChatMessage[] = buildMessages(items, await turn.history(), turn.text, grounded.state.lang ?? 'en');
    const calculations: Calculation[] = [];
    let streamed = false;
    const onToken = turn.onDelta && ((token: string): void => {
      streamed = true;
      turn.onDelta?.(token);
    });
    try {
      let text = '';
      for (let round = 0; round < options.maxToolRounds; round++) {
        const completion = await complete({ ...options, messages, tools: [calculateLossTool], ...(onToken ? { onToken } : {}) });
        text = completion.content;
        if (completion.toolCalls.length === 0) break;
        messages.push({ role: 'assistant', content: completion.content || null, tool_calls: completion.toolCalls });
        for (const call of completion.toolCalls) {
          const outcome = runToolCall(call);
          if (outcome.calculation) calculations.push(outcome.calculation);
          messages.push({ role: 'tool', tool_call_id: call.id, content: outcome.reply });
        }
        if (round === options.maxToolRounds - 1) throw new LlmError('bad_response', `the model was still calling tools after ${options.maxToolRounds} rounds`);
      }
      const known = [...calculations, ...grounded.answer.calculations];
      const cited = keepGivenCitations(text, given);
      const honest = { citations: cited.citations, text: checkNumbers(cited.text, { calculations: known, question: turn.text, notes: items.map(noteText), lang: grounded.state.lang ?? 'en' }) };
      const parts = splitParts(honest.text, grounded.answer.parts);
      const answer: AnswerBody = {
        text: honest.text,
        citations: honest.citations,
        calculations: known,
        ...(parts ? { parts } : {}),
        clarify: grounded.answer.clarify && calculations.length === 0,
        engine: { name: 'llm', model: options.model },
      };
      return { answer, state: grounded.state };
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      const reason = `${error.code}: ${error.message}`;
      deps.onFallback?.(reason);
      // The learner still sees the answer arrive: the embedded tutor's text as one delta.
      if (!streamed) turn.onDelta?.(grounded.answer.text);
      return { answer: { ...grounded.answer, engine: { name: 'embedded', fallback: reason } }, state: grounded.state };
    }
  }
}

/** The opened tutor, answered through the model when one is configured. */
export function withLanguageModel(opened: { kb: KnowledgeBase; search: ItemSearch; tutor: TutorEngine }, options: LlmOptions | undefined, onFallback?: (reason: string) => void): TutorEngine {
  if (!options) return opened.tutor;
  return createLlmTutor({ kb: opened.kb, search: opened.search, options, ...(onFallback ? { onFallback } : {}) });
}
