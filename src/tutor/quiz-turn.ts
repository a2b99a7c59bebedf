/**
 * The two turns of a quiz: asking a question from a note, and grading the learner's reply
 * (a miss is remembered in the session so a later "quiz me" comes back to it).
 */
import type { Item } from '../kb/item';
import { clarifications } from './clarification';
import { gradeReply, pickNextQuestion, pickQuestion, quizQuestion, withMiss, withoutMiss, type QuizPick } from './quiz';
import type { SessionState } from './session-state';
import type { TurnContext } from './turn-context';
import type { TurnResult } from './tutor-engine';
import { viewItem } from './note-sections';
import { writingLang } from './language';

const words = {
  en: { quiz: 'Quiz', reply: 'Reply with your answer (or say "skip").', right: 'Right.', wrong: 'Not quite.', model: 'Model answer:', missing: 'Your answer did not mention:', remembered: 'I will come back to this question the next time you say "quiz me".', again: 'Say "quiz me" for another question.' },
  'zh-Hant': { quiz: '測驗', reply: '請回答（或說「跳過」）。', right: '答對了。', wrong: '不完全對。', model: '參考答案：', missing: '你的回答沒有提到：', remembered: '下次說「考我」時會再問這一題。', again: '說「考我」可以再來一題。' },
};

function quizHeading(ctx: TurnContext, item: Item): string {
  return `**${words[writingLang(ctx.lang)].quiz} · #${item.number} · ${viewItem(item, ctx.lang).text.title}**`;
}

export function startQuiz(ctx: TurnContext, state: SessionState, named: Item | undefined, next = false): TurnResult {
  const pick = next && !named ? pickNextQuestion(ctx.kb, state) : pickQuestion(ctx.kb, state, named?.number);
  const item = pick && ctx.kb.byNumber.get(pick.item);
  const question = item && pick && quizQuestion(item, pick, ctx.lang);
  if (!item || !pick || !question) {
    ctx.out.write(clarifications.noQuiz(ctx.lang));
    return { answer: ctx.out.finish(true), state };
  }
  ctx.out.cite(item);
  ctx.out.write(`${quizHeading(ctx, item)}\n\n${question.question}\n\n${words[writingLang(ctx.lang)].reply}`);
  return { answer: ctx.out.finish(false), state: { ...state, quiz: pick, lastQuiz: pick, topic: item.number, lastShown: [item.number] } };
}

export function gradeQuizReply(ctx: TurnContext, reply: string, state: SessionState): TurnResult {
  const pick: QuizPick | undefined = state.quiz;
  const item = pick && ctx.kb.byNumber.get(pick.item);
  const question = item && pick && quizQuestion(item, pick, ctx.lang);
  const { quiz: _answered, ...rest } = state;
  if (!item || !pick || !question) return startQuiz(ctx, rest, undefined);
  const w = words[writingLang(ctx.lang)];
  const grade = gradeReply(reply, question);
  const lines = [quizHeading(ctx, item), grade.correct ? `✅ ${w.right}` : `❌ ${w.wrong}`];
  if (!grade.correct && grade.missing.length > 0) lines.push(`${w.missing} ${grade.missing.map((g) => g.join(' / ')).join('; ')}.`);
  lines.push(`**${w.model}** ${question.answer}`);
  lines.push(grade.correct ? w.again : w.remembered);
  ctx.out.cite(item);
  ctx.out.write(lines.join('\n\n'));
  const next = grade.correct ? withoutMiss(rest, pick) : withMiss(rest, pick);
  return { answer: ctx.out.finish(false), state: { ...next, topic: item.number, lastShown: [item.number] } };
}
