/**
 * A cap on the size of one answer, whoever wrote it: everything an answer holds is stored and sent
 * again in every welcome of its conversation, so one question must not make megabytes of it.
 */
import type { Turn, TurnResult, TutorEngine } from '../tutor/tutor-engine';

export class AnswerSizeError extends Error {
  override readonly name = 'AnswerSizeError';
  readonly code = 'answer_too_large';
}

export function withAnswerBound(tutor: TutorEngine, maxBytes: number): TutorEngine {
  const tooLarge = (bytes: number) =>
    new AnswerSizeError(`the answer to this question came to ${Math.ceil(bytes / 1024)} KiB, over the ${Math.floor(maxBytes / 1024)} KiB an answer may take: ask about fewer numbers at once, or split the question`);
  return {
    async answer(turn: Turn): Promise<TurnResult> {
      // Streamed text stops at the cap; the answer is then refused whole.
      let streamed = 0;
      const onDelta = turn.onDelta;
      const bounded: Turn = onDelta
        ? {
            ...turn,
            onDelta: (text) => {
              streamed += Buffer.byteLength(text);
              if (streamed <= maxBytes) onDelta(text);
            },
          }
        : turn;
      const result = await tutor.answer(bounded);
      const bytes = Buffer.byteLength(JSON.stringify(result.answer));
      if (bytes > maxBytes) throw tooLarge(bytes);
      return result;
    },
  };
}
