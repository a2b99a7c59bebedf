/**
 * The compose stage: an AnswerPlan written out as Markdown in the learner's language, streamed
 * block by block, every item quoted cited. The only stage that knows wording and Markdown.
 */
import type { Item } from '../../kb/item';
import type { AnswerBody } from '../answer';
import { AnswerComposer } from '../answer-composer';
import type { ClarifyMessage } from '../clarification';
import type { Lang } from '../language';
import { viewItem } from '../note-sections';
import { formatValue } from '../number-format';
import { writeCalculation, writeWeightComparison } from '../worked-example';
import type { AnswerPlan, Explanation, PartAnswer, WorkedCalculation } from '../decide/answer-plan';
import type { GroundedIdea } from '../ground/grounded-turn';
import { phrasebookFor, type Phrasebook } from './phrasebook';

export interface ComposeOptions {
  lang: Lang;
  /** The display name of a loss id. */
  nameOf: (id: string) => string;
  onDelta?: (text: string) => void;
}

interface Writer {
  out: AnswerComposer;
  book: Phrasebook;
  lang: Lang;
  nameOf: (id: string) => string;
}

export function clarifyText(book: Phrasebook, message: ClarifyMessage): string {
  return (book.clarify[message.key] as (m: ClarifyMessage) => string)(message);
}

const title = (w: Writer, item: Item): string => viewItem(item, w.lang).text.title;

function writeExplanation(w: Writer, explanation: Explanation, level: string): void {
  const { out, book } = w;
  const { item, passage } = explanation;
  const claimShown = out.citationList().some((c) => c.item === item.number);
  out.cite(item);
  if (passage) {
    out.write(`> ${passage.sentences.join(' ')}\n\n— #${item.number} §${passage.passage.section}`);
    out.cite(item, passage.passage);
  }
  for (const section of explanation.sections) out.write(`${level} ${book.phrases.sections[section.name] ?? section.heading}\n\n${section.text}`);
  // A thin note still says what it says before the items that fill in for it.
  const thin = !passage && explanation.sections.length === 0;
  if (thin && (explanation.support.length === 0 || !claimShown)) out.write(viewItem(item, w.lang).text.claim);
  for (const { item: hit, sections } of explanation.support) {
    const body = sections.length > 0 ? sections.map((s) => s.text).join('\n\n') : viewItem(hit, w.lang).text.claim;
    out.write(`${level} #${hit.number} · ${title(w, hit)}\n\n${body}`);
    out.cite(hit);
  }
}

function writeWorked(w: Writer, worked: WorkedCalculation, level: string): void {
  const { out, book, nameOf } = w;
  const p = book.phrases;
  const { calculation } = worked;
  out.record(calculation);
  const blocks = [`${level} ${p[worked.heading]}`];
  if (worked.assumedOrder) blocks.push(p.assumedOrder);
  if (worked.source && worked.source.kind !== 'item') blocks.push(worked.source.kind === 'note' ? p.exampleFromNote(worked.source.item) : p.exampleIllustrative);
  if (worked.readings.length > 0) blocks.push(worked.readings.join(' '));
  if (worked.previous) {
    out.record(worked.previous);
    blocks.push(worked.previous.terms ? writeWeightComparison(worked.previous, calculation, p, nameOf) : writeCalculation(calculation, p, nameOf));
  } else {
    blocks.push(writeCalculation(calculation, p, nameOf));
    if (worked.pytorchDefault) {
      out.record(worked.pytorchDefault);
      blocks.push(book.pytorchMeanDefault(formatValue(worked.pytorchDefault.value)));
    }
    if (worked.raised) {
      out.record(worked.raised);
      blocks.push(writeWeightComparison(calculation, worked.raised, p, nameOf));
    }
  }
  out.write(blocks.join('\n\n'));
}

function writePart(w: Writer, answer: PartAnswer, level: string): void {
  switch (answer.kind) {
    case 'explanation':
      return writeExplanation(w, answer.explanation, level);
    case 'comparison':
      for (const side of answer.sides) {
        w.out.write(`${level} #${side.item.number} · ${title(w, side.item)}`);
        writeExplanation(w, side, `${level}#`);
      }
      return;
    case 'calculation':
      writeWorked(w, answer.worked, level);
      if (answer.item) w.out.cite(answer.item);
      return;
    case 'clarification':
      return w.out.write(clarifyText(w.book, answer.askBack.message));
    case 'not_covered':
      return w.out.write(w.book.phrases.notCovered);
  }
}

function writeSources(w: Writer): void {
  const citations = w.out.citationList();
  if (citations.length === 0) return;
  const list = citations.map((c) => `- #${c.item} · ${c.title} (${c.source})`).join('\n');
  w.out.write(`---\n\n**${w.book.phrases.sources}**\n\n${list}`);
}

function writeNotes(w: Writer, plan: AnswerPlan & { kind: 'notes' }): AnswerBody {
  const { out, book } = w;
  const p = book.phrases;
  const level = plan.multi ? '###' : '##';
  if (plan.notesInEnglish) out.write(p.notesInEnglish);
  if (plan.claim) {
    out.write(`**#${plan.claim.number} · ${title(w, plan.claim)}**\n\n> ${viewItem(plan.claim, w.lang).text.claim}`);
    out.cite(plan.claim);
  }
  plan.parts.forEach((part, index) => {
    if (plan.multi) {
      out.beginPart(part.question);
      out.write(`## ${p.part(index + 1)} ${part.question}`);
    }
    writePart(w, part.answer, level);
    if (part.seeAlso) {
      out.write(`${p.seeAlso} **#${part.seeAlso.number} · ${title(w, part.seeAlso)}** — ${viewItem(part.seeAlso, w.lang).text.claim}`);
      out.cite(part.seeAlso);
    }
  });
  if (plan.example) writeWorked(w, plan.example, level);
  out.endPart();
  if (plan.next) {
    const steps: string[] = [];
    if (plan.next.related) steps.push(`${p.relatedItem} **#${plan.next.related.number} · ${title(w, plan.next.related)}**`);
    if (plan.next.quizItem !== undefined) steps.push(p.quizOffer.replace('{n}', String(plan.next.quizItem)));
    out.write(`**${p.nextStep}**\n\n${steps.map((s) => `- ${s}`).join('\n')}`);
  }
  writeSources(w);
  return out.finish(plan.askedBack !== undefined, plan.askedBack?.clarification);
}

function quizHeading(w: Writer, item: Item): string {
  return `**${w.book.quiz.quiz} · #${item.number} · ${title(w, item)}**`;
}

/** The ideas the reply missed, each under the model answer's words, then the passages that say them, each once. */
function missedText(w: Writer, item: Item, missed: GroundedIdea[]): string[] {
  const blocks = [`**${w.book.quiz.missingIdeas}**\n\n${missed.map(({ idea }) => `- ${idea.text}`).join('\n')}`];
  const quoted: string[] = [];
  if (missed.some((m) => m.inClaim)) blocks.push(`> ${viewItem(item, w.lang).text.claim}\n\n— #${item.number}`);
  for (const { passage } of missed) {
    if (!passage || quoted.includes(passage.passage.id)) continue;
    quoted.push(passage.passage.id);
    blocks.push(`> ${passage.sentences.join(' ')}\n\n— #${item.number} §${passage.passage.section}`);
    w.out.cite(item, passage.passage);
  }
  return blocks;
}

/**
 * A grade: right, partly right or wrong; for a reply not right, what the model answer holds that it
 * did not, quoted from the note, the model answer, and the next step (try again, or move on).
 */
function gradeText(w: Writer, plan: AnswerPlan & { kind: 'quiz_grade' }): string {
  const q = w.book.quiz;
  const { grade, item } = plan;
  const verdict = grade.correct ? `✅ ${q.right}` : `❌ ${grade.partly ? q.partly : q.wrong}`;
  const missed = grade.correct || plan.missed.length === 0 ? [] : missedText(w, item, plan.missed);
  const model = `**${q.model}** ${plan.question.answer}`;
  if (grade.correct) return [quizHeading(w, item), verdict, model, q.again].join('\n\n');
  const sections = [...new Set(plan.missed.flatMap(({ passage }) => (passage ? [passage.passage.section] : [])))];
  const next = `**${q.nextStep}**\n\n- ${q.retry(item.number, sections)}\n- ${q.moveOn}`;
  return [quizHeading(w, item), verdict, ...missed, model, next].join('\n\n');
}

export function compose(plan: AnswerPlan, options: ComposeOptions): AnswerBody {
  const out = new AnswerComposer(options.lang, options.onDelta);
  const book = phrasebookFor(options.lang);
  const w: Writer = { out, book, lang: options.lang, nameOf: options.nameOf };
  const q = book.quiz;
  switch (plan.kind) {
    case 'greeting':
    case 'help':
      out.write(book.replies[plan.kind](plan.items, plan.range));
      return out.finish(false);
    case 'small_talk':
      out.write(book.replies[plan.act]);
      return out.finish(false);
    case 'out_of_scope':
      out.write(book.replies.outOfScope(plan.items));
      return out.finish(false);
    case 'clarification':
      out.write(clarifyText(book, plan.askBack.message));
      return out.finish(true, plan.askBack.clarification);
    case 'quiz_question':
      out.cite(plan.item);
      out.write(`${quizHeading(w, plan.item)}\n\n${plan.aboutClaim ? q.aboutClaim(title(w, plan.item)) : plan.question.question}\n\n${q.reply}`);
      return out.finish(false);
    case 'quiz_grade':
      out.cite(plan.item);
      out.write(gradeText(w, plan));
      return out.finish(false);
    case 'notes':
      return writeNotes(w, plan);
  }
}
