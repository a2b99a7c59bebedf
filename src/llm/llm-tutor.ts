import type { Item, KnowledgeBase } from '../kb/item';
import type { ItemSearch } from '../search/hit';
import { namedItems } from '../search/item-reference';
import type { AnswerBody, AnswerPart, Calculation, Citation } from '../tutor/answer';
import { readSessionState } from '../tutor/session-state';
import type { Turn, TurnResult, TutorEngine } from '../tutor/tutor-engine';
import { calculateLossTool, runToolCall } from './calculate-tool';
import { complete, LlmError, type ChatMessage } from './chat-completions';
import { checkNumbers, keepGivenCitations } from './honesty';
import type { LlmOptions } from './llm-options';
import { buildMessages } from './prompt';

export interface LlmTutorDeps {
  kb: KnowledgeBase;
  search: ItemSearch;
  /** Understands the turn (parts, the question's own computation, state) and answers when the model cannot. */
  embedded: TutorEngine;
  options: LlmOptions;
  onFallback?: (reason: string) => void;
}

/** The items the model is given: those the learner named, then the best search hits. */
function retrieve(kb: KnowledgeBase, search: ItemSearch, text: string): Item[] {
  const numbers = [...namedItems(text).filter((n) => kb.byNumber.has(n)), ...search.search(text, { limit: 6 }).map((hit) => hit.item)];
  return [...new Set(numbers)].slice(0, 8).map((n) => kb.byNumber.get(n)!);
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
 * wrong value is corrected where the learner sees it), and the embedded tutor when the model fails.
 */
export function createLlmTutor(deps: LlmTutorDeps): TutorEngine {
  const { kb, search, embedded, options } = deps;
  return {
    async answer(turn: Turn): Promise<TurnResult> {
      // The embedded tutor's reading of the turn: its parts, the question's own computation, new state.
      const grounded = await embedded.answer({ ...turn, onDelta: undefined });
      // A review card and its grading come from the notes as they are (docs/study.md): the model has nothing to add.
      if (grounded.answer.review || readSessionState(turn.state).review) {
        turn.onDelta?.(grounded.answer.text);
        return grounded;
      }
      const study = grounded.study ? { study: grounded.study } : {};
      const items = retrieve(kb, search, turn.text);
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
        return { answer, state: grounded.state, ...study };
      } catch (error) {
        if (!(error instanceof LlmError)) throw error;
        const reason = `${error.code}: ${error.message}`;
        deps.onFallback?.(reason);
        // The learner still sees the answer arrive: the embedded tutor's text as one delta.
        if (!streamed) turn.onDelta?.(grounded.answer.text);
        return { answer: { ...grounded.answer, engine: { name: 'embedded', fallback: reason } }, state: grounded.state, ...study };
      }
    },
  };
}

/** The opened tutor, answered through the model when one is configured. */
export function withLanguageModel(opened: { kb: KnowledgeBase; search: ItemSearch; tutor: TutorEngine }, options: LlmOptions | undefined, onFallback?: (reason: string) => void): TutorEngine {
  if (!options) return opened.tutor;
  return createLlmTutor({ kb: opened.kb, search: opened.search, embedded: opened.tutor, options, ...(onFallback ? { onFallback } : {}) });
}
