/**
 * Writing from the notes: the quoted claim, the sections that answer a question (with search
 * hits filling in for a thin note), comparisons, the next step and the list of sources. Every
 * item written from is cited.
 */
import type { Item } from '../kb/item';
import type { GroundedPart } from './ground/grounded-turn';
import type { ItemEvidence } from './ground/item-evidence';
import { viewItem } from './note-sections';
import type { TurnContext } from './turn-context';

export function writeClaim(ctx: TurnContext, item: Item): void {
  const view = viewItem(item, ctx.lang);
  ctx.out.write(`**#${item.number} · ${view.text.title}**\n\n> ${view.text.claim}`);
  ctx.out.cite(item);
}

/** What the notes say for the question: the answering passage first, the sections, then the items filling in for a thin note. */
export function writeSections(ctx: TurnContext, evidence: ItemEvidence, level: string): void {
  const { item } = evidence;
  ctx.out.cite(item);
  if (evidence.passage) {
    ctx.out.write(`> ${evidence.passage.sentences.join(' ')}\n\n— #${item.number} §${evidence.passage.passage.section}`);
    ctx.out.cite(item, evidence.passage.passage);
  }
  for (const section of evidence.sections) {
    ctx.out.write(`${level} ${ctx.p.sections[section.name] ?? section.heading}\n\n${section.text}`);
  }
  for (const { item: hit, sections } of evidence.support) {
    const view = viewItem(hit, ctx.lang);
    const body = sections.map((s) => s.text);
    ctx.out.write(`${level} #${hit.number} · ${view.text.title}\n\n${body.length > 0 ? body.join('\n\n') : view.text.claim}`);
    ctx.out.cite(hit);
  }
  if (evidence.sections.length === 0 && evidence.support.length === 0) ctx.out.write(viewItem(item, ctx.lang).text.claim);
}

export function writeSeeAlso(ctx: TurnContext, plan: GroundedPart, exclude: number[]): void {
  const other = plan.hits.find((hit) => !exclude.includes(hit.number) && hit.number !== plan.item?.number);
  if (!other) return;
  const view = viewItem(other, ctx.lang);
  ctx.out.write(`${ctx.p.seeAlso} **#${other.number} · ${view.text.title}** — ${view.text.claim}`);
  ctx.out.cite(other);
}

export function writeComparison(ctx: TurnContext, plan: GroundedPart, level: string): void {
  for (const evidence of plan.evidence) {
    ctx.out.write(`${level} #${evidence.item.number} · ${viewItem(evidence.item, ctx.lang).text.title}`);
    writeSections(ctx, evidence, `${level}#`);
  }
}

/** A related item to read next (the note's own links first, else a close search hit) and a quiz. */
export function nextStep(ctx: TurnContext, main: Item | undefined, hits: Item[]): void {
  if (!main) return;
  const cited = ctx.out.cited();
  const linked = main.related.map((n) => ctx.kb.byNumber.get(n)).filter((item): item is Item => item !== undefined);
  const related = [...linked, ...hits].find((item) => !cited.includes(item.number)) ?? linked[0];
  const steps: string[] = [];
  if (related) steps.push(`${ctx.p.relatedItem} **#${related.number} · ${viewItem(related, ctx.lang).text.title}**`);
  if (main.quiz.length > 0) steps.push(ctx.p.quizOffer.replace('{n}', String(main.number)));
  if (steps.length > 0) ctx.out.write(`**${ctx.p.nextStep}**\n\n${steps.map((s) => `- ${s}`).join('\n')}`);
}

export function writeSources(ctx: TurnContext): void {
  const citations = ctx.out.citationList();
  if (citations.length === 0) return;
  const list = citations.map((c) => `- #${c.item} · ${c.title} (${c.source})`).join('\n');
  ctx.out.write(`---\n\n**${ctx.p.sources}**\n\n${list}`);
}
