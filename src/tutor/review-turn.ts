/**
 * Study turns: "review" shows the learner's due cards one at a time; a reply is graded by the quiz's
 * answer checker (or by the learner's own again/hard/good/easy) and answered with the passage the
 * card comes from; "I'm not sure about #35" makes the item's cards due. A graded quiz question is a
 * review of its quiz card. The tutor only reports what happened (StudyEvent); the server schedules.
 */
import type { Item, KnowledgeBase } from '../kb/item';
import { cardsOfItem, checkedQuestion, type CardContent } from '../study/cards';
import type { Grade } from '../study/schedule';
import type { StudyEvent, StudyTurn } from '../study/study-turn';
import { AnswerComposer } from './answer-composer';
import type { EmbeddedTutorDeps } from './embedded-tutor';
import { namedItems } from '../search/item-reference';
import { detectLanguage, writingLang, type Lang } from './language';
import { detectIntents } from './intent';
import { viewItem } from './note-sections';
import { gradeReply } from './quiz';
import { readSessionState, type SessionState } from './session-state';
import type { Turn, TurnResult } from './tutor-engine';

const words = {
  en: {
    review: 'Review',
    reply: 'Reply with your answer, or grade yourself: again, hard, good or easy. Say "stop" to end the review.',
    right: 'Right.',
    wrong: 'Not quite.',
    missing: 'Your answer did not mention:',
    answer: 'Answer:',
    graded: (grade: Grade, byLearner: boolean) => `Graded **${grade}**${byLearner ? ' (your grade)' : ''}.`,
    from: 'From the notes',
    more: (n: number) => (n === 1 ? 'One more card is due.' : `${n} more cards are due.`),
    done: 'No more cards are due now. Say "review" later, or ask about anything.',
    nothingDue: 'No cards are due now. Say "I\'m not sure about item #N" to study an item, or "quiz me".',
    noProfile: 'Reviews need a learner profile: open the web client, or run loss-tutor review.',
    stopped: (n: number) => `Review stopped; ${n === 1 ? 'one card is' : `${n} cards are`} still due. Say "review" to go on.`,
    unsure: (n: number, title: string) => `I have put the ${n === 1 ? 'card' : `${n} cards`} of #${title} in your reviews, due now. Say "review" to start.`,
  },
  'zh-Hant': {
    review: '複習',
    reply: '請回答，或自己評分：again、hard、good 或 easy。說「停止」結束複習。',
    right: '答對了。',
    wrong: '不完全對。',
    missing: '你的回答沒有提到：',
    answer: '答案：',
    graded: (grade: Grade, byLearner: boolean) => `評分：**${grade}**${byLearner ? '（你的評分）' : ''}。`,
    from: '筆記原文',
    more: (n: number) => `還有 ${n} 張卡片到期。`,
    done: '目前沒有到期的卡片了。',
    nothingDue: '目前沒有到期的卡片。說「我對第N條沒把握」來複習一條筆記，或說「考我」。',
    noProfile: '複習需要學習者檔案：請用網頁版，或執行 loss-tutor review。',
    stopped: (n: number) => `複習已停止；還有 ${n} 張卡片到期。說「複習」繼續。`,
    unsure: (n: number, title: string) => `已把 #${title} 的 ${n} 張卡片排入複習，現在到期。說「複習」開始。`,
  },
};

const REVIEW_REQUEST = /^\s*(?:(?:let'?s|please|can we|start|begin)\s+)*(?:a\s+|the\s+|my\s+)?review(?:\s+(?:my\s+)?(?:cards|due cards|notes|session))?(?:\s+(?:now|please))?[\s!.?]*$|\bwhat\s+(?:should|do|can)\s+i\s+(?:review|revise|study)\b|\bwhat(?:'s| is)\s+due\b|^\s*(?:開始)?複習[\s!！。]*$|我?(?:應該|该)?(?:複習|复习)什麼|(?:复习|複習)什么/iu;
const STOP = /^\s*(?:stop|end|quit|done|enough|stop (?:the )?review(?:ing)?|end (?:the )?review|停止|結束|结束)[\s!.。！]*$/iu;
const GRADE = /^\s*(again|hard|good|easy)\b[\s:,.!—–-]*([\s\S]*)$/i;
const UNSURE = /\b(?:not\s+(?:so\s+|very\s+|too\s+|really\s+)?(?:sure|confident)|unsure|least\s+confident|shaky|struggl\w*\s+with|confused\s+(?:about|by))\b|沒把握|没把握|不太懂|不確定|不确定/iu;
const THIS_ONE = /\b(?:this|that|it)(?:\s+one)?\b|這條|这条/iu;

const asksReview = (text: string): boolean => REVIEW_REQUEST.test(text);

/** What a study turn writes with: the notes, the turn's language, and the composer its answer streams through. */
interface StudyContext {
  kb: KnowledgeBase;
  lang: Lang;
  out: AnswerComposer;
}

function contextFor(deps: EmbeddedTutorDeps, turn: Turn, state: SessionState): StudyContext {
  const lang = /\p{Script=Han}/u.test(turn.text) ? detectLanguage(turn.text) : (state.lang ?? 'en');
  return { kb: deps.kb, lang, out: new AnswerComposer(lang, turn.onDelta) };
}

function heading(ctx: StudyContext, item: Item | undefined, card: CardContent): string {
  const title = item ? viewItem(item, ctx.lang).text.title : '';
  return `**${words[writingLang(ctx.lang)].review} · #${card.item} · ${title}**`;
}

/** Shows the first due card other than those just reviewed, leaving it open; false when none is left. */
function showNext(ctx: StudyContext, study: StudyTurn, exclude: readonly string[]): CardContent | undefined {
  const card = study.due.find((c) => !exclude.includes(c.id));
  if (!card) return undefined;
  const item = ctx.kb.byNumber.get(card.item);
  if (item) ctx.out.cite(item);
  ctx.out.write(`${heading(ctx, item, card)}\n\n${card.prompt}\n\n${words[writingLang(ctx.lang)].reply}`);
  return card;
}

function finishWith(ctx: StudyContext, state: SessionState, open: CardContent | undefined, study: StudyEvent[]): TurnResult {
  const { review: _closed, ...rest } = state;
  const answer = ctx.out.finish(false);
  if (!open) return { answer, state: rest, study };
  return { answer: { ...answer, review: { card: open.id, item: open.item } }, state: { ...rest, review: { card: open.id }, topic: open.item, lastShown: [open.item] }, study };
}

/** The reply graded, the answer and the card's passage shown, then the next card. */
function gradeCard(ctx: StudyContext, text: string, state: SessionState, study: StudyTurn, card: CardContent): TurnResult {
  const w = words[writingLang(ctx.lang)];
  const [, said, rest] = GRADE.exec(text) ?? [];
  const reply = said === undefined ? text : (rest ?? '').trim();
  const check = reply === '' ? undefined : gradeReply(reply, checkedQuestion(card, ctx.kb));
  const grade: Grade = (said?.toLowerCase() as Grade | undefined) ?? (check?.correct ? 'good' : 'again');
  const item = ctx.kb.byNumber.get(card.item);
  const lines = [heading(ctx, item, card)];
  if (check) lines.push(check.correct ? `✅ ${w.right}` : `❌ ${w.wrong}`);
  if (check && !check.correct && check.missing.length > 0) lines.push(`${w.missing} ${check.missing.map((g) => g.join(' / ')).join('; ')}.`);
  lines.push(`**${w.answer}** ${card.answer}`, w.graded(grade, said !== undefined));
  const passage = item?.passages.find((p) => p.id === card.passage);
  if (item && passage) {
    lines.push(`${w.from} (#${item.number} · ${passage.section}):\n\n${passage.text.split('\n').map((line) => `> ${line}`).join('\n')}`);
    ctx.out.cite(item, passage);
  } else if (item) ctx.out.cite(item);
  ctx.out.write(lines.join('\n\n'));
  const remaining = study.due.filter((c) => c.id !== card.id);
  const next = showNext(ctx, { ...study, due: remaining }, []);
  if (!next) ctx.out.write(w.done);
  return finishWith(ctx, state, next, [{ type: 'reviewed', card, grade }]);
}

/** The item a "not sure" names: a number, else "this one" meaning the conversation's topic. */
function unsureItem(ctx: StudyContext, text: string, state: SessionState): Item | undefined {
  if (!UNSURE.test(text)) return undefined;
  const [named] = namedItems(text);
  if (named !== undefined) return ctx.kb.byNumber.get(named);
  return THIS_ONE.test(text) && state.topic !== undefined ? ctx.kb.byNumber.get(state.topic) : undefined;
}

/** A study turn, or undefined when the turn is none (the engine then answers it as usual). */
export function reviewTurn(deps: EmbeddedTutorDeps, turn: Turn): TurnResult | undefined {
  const state = readSessionState(turn.state);
  const study = turn.study;
  const open = state.review && study?.open?.id === state.review.card ? study.open : undefined;
  const ctx = (): StudyContext => contextFor(deps, turn, state);
  const text = turn.text;
  if (open && study && STOP.test(text)) {
    const c = ctx();
    c.out.write(words[writingLang(c.lang)].stopped(study.dueCount));
    return finishWith(c, state, undefined, []);
  }
  if (open && study && !asksReview(text) && detectIntents(text)[0] !== 'quiz' && (GRADE.test(text) || !/[?？]\s*$/.test(text))) return gradeCard(ctx(), text, state, study, open);
  if (asksReview(text)) {
    const c = ctx();
    const w = words[writingLang(c.lang)];
    if (!study) c.out.write(w.noProfile);
    else if (!showNext(c, study, [])) c.out.write(w.nothingDue);
    else if (study.dueCount > 1) c.out.write(w.more(study.dueCount - 1));
    const shown = study?.due[0];
    return finishWith(c, state, study && shown ? shown : undefined, []);
  }
  // "Not sure about #35: how does it work?" is answered as usual, and the cards made due after it.
  if (!study || state.quiz || /[?？]/.test(text)) return undefined;
  const c = ctx();
  const item = unsureItem(c, text, state);
  if (!item) return undefined;
  const cards = cardsOfItem(item);
  const view = viewItem(item, c.lang).text;
  c.out.write(`**#${item.number} · ${view.title}**\n\n> ${view.claim}`);
  c.out.cite(item);
  c.out.write(words[writingLang(c.lang)].unsure(cards.length, `${item.number} ${view.title}`));
  const { review: _closed, ...rest } = state;
  return { answer: c.out.finish(false), state: { ...rest, topic: item.number, lastShown: [item.number] }, study: [{ type: 'unsure', item: item.number }] };
}

/**
 * What an answered turn did to the learner's cards: a graded quiz question is a review of its item's
 * quiz card (a miss also makes the item's cards due), and a question that says the learner is unsure
 * of an item makes that item's cards due, with a line saying so.
 */
export function afterTurn(deps: EmbeddedTutorDeps, turn: Turn, answered: TurnResult): TurnResult {
  const result = withoutReviewUnderQuiz(answered);
  if (!turn.study) return result;
  const state = readSessionState(turn.state);
  if (state.quiz) return withQuizReview(deps, state, result);
  // The line is a block after the answer: streamed with the break that joins it to the text before.
  const onDelta = turn.onDelta;
  const appended = onDelta ? { ...turn, onDelta: (text: string) => onDelta(`\n\n${text}`) } : turn;
  return withUnsure(contextFor(deps, appended, state), turn, state, result);
}

/** A quiz question asked in the middle of a review closes the review: the next reply is the quiz's. */
function withoutReviewUnderQuiz(result: TurnResult): TurnResult {
  if (!result.state.quiz || !result.state.review) return result;
  const { review: _closed, ...state } = result.state;
  return { ...result, state };
}

function withUnsure(ctx: StudyContext, turn: Turn, state: SessionState, result: TurnResult): TurnResult {
  const item = unsureItem(ctx, turn.text, state);
  if (!item) return result;
  ctx.out.write(words[writingLang(ctx.lang)].unsure(cardsOfItem(item).length, `${item.number} ${viewItem(item, ctx.lang).text.title}`));
  const added = ctx.out.finish(false).text;
  const answer = { ...result.answer, text: `${result.answer.text}\n\n${added}` };
  return { ...result, answer, study: [{ type: 'unsure', item: item.number }] };
}

function withQuizReview(deps: EmbeddedTutorDeps, state: SessionState, result: TurnResult): TurnResult {
  const asked = state.quiz;
  if (!asked || result.state.quiz) return result;
  const item = deps.kb.byNumber.get(asked.item);
  const card = item && cardsOfItem(item).find((c) => c.id === `${asked.item}/quiz/${asked.question}`);
  if (!card) return result;
  const missed = result.state.missed.some((m) => m.item === asked.item && m.question === asked.question);
  const events: StudyEvent[] = [{ type: 'reviewed', card, grade: missed ? 'again' : 'good' }];
  if (missed) events.push({ type: 'unsure', item: asked.item });
  return { ...result, study: events };
}
