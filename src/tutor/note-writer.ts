/**
 * Writing from the notes: the quoted claim, the sections that answer a question (with search
 * hits filling in for a thin note), comparisons, the next step and the list of sources. Every
 * item written from is cited.
 */
import type { Item, Section } from '../kb/item';
import { answeringPassage } from './ground/passages';
import type { Intent } from './intent';
import { pickSections, viewItem } from './note-sections';
import { searchItems, type PartPlan } from './turn-plan';
import type { TurnContext } from './turn-context';

export function writeClaim(ctx: TurnContext, item: Item): void {
  const view = viewItem(item, ctx.lang);
  ctx.out.write(`**#${item.number} · ${view.text.title}**\n\n> ${view.text.claim}`);
  ctx.out.cite(item);
}

const plainWords = (text: string): string => text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().toLowerCase();

// Notes do not change while a tutor holds them, so whether a section repeats its claim is decided once.
const repeatsClaim = new WeakMap<Section, boolean>();

function repeatsItsClaim(section: Section, claim: string): boolean {
  let repeats = repeatsClaim.get(section);
  if (repeats === undefined) {
    repeats = plainWords(section.text) === plainWords(claim);
    repeatsClaim.set(section, repeats);
  }
  return repeats;
}

/** The sections of a note that fit the intents, leaving out a section that only repeats the claim. */
function sectionsBeyondClaim(item: Item, intents: Intent[], lang: TurnContext['lang']): { sections: Section[]; exact: boolean } {
  const view = viewItem(item, lang);
  const picked = pickSections(view.text, intents);
  return { sections: picked.sections.filter((s) => !repeatsItsClaim(s, view.text.claim)), exact: picked.exact };
}

/**
 * The note's sections for the intents. A note without them borrows the section from the closest
 * search hit that has it; a note that is only its claim (a learner's one-line fact) is filled in
 * by the closest hits, each under its own number and title.
 */
export function writeSections(ctx: TurnContext, item: Item, intents: Intent[], question: string, hits: Item[], level: string): void {
  const own = sectionsBeyondClaim(item, intents, ctx.lang);
  ctx.out.cite(item);
  // The passage that answers this question comes first, when the sections the intent picks leave it out.
  const answering = answeringPassage(item, ctx.lang, question, intents);
  if (answering && !own.sections.some((s) => s.heading === answering.section)) {
    ctx.out.write(`> ${answering.text}\n\n— #${item.number} §${answering.section}`);
    ctx.out.cite(item, answering);
  }
  for (const section of own.sections) {
    ctx.out.write(`${level} ${ctx.p.sections[section.name] ?? section.heading}\n\n${section.text}`);
  }
  const thin = own.sections.length === 0;
  const support = own.exact && !thin
    ? []
    : supportingHits(ctx, item, question, hits)
        .filter((hit) => thin || sectionsBeyondClaim(hit, intents, ctx.lang).exact)
        .slice(0, thin ? 2 : 1);
  for (const hit of support) {
    const view = viewItem(hit, ctx.lang);
    const body = sectionsBeyondClaim(hit, intents, ctx.lang).sections.map((s) => s.text);
    ctx.out.write(`${level} #${hit.number} · ${view.text.title}\n\n${body.length > 0 ? body.join('\n\n') : view.text.claim}`);
    ctx.out.cite(hit);
  }
  if (thin && support.length === 0) ctx.out.write(viewItem(item, ctx.lang).text.claim);
}

/** Items that fill in for a thin note: searched with the note's own claim, so "the second one" finds its neighbours. */
function supportingHits(ctx: TurnContext, item: Item, question: string, hits: Item[]): Item[] {
  const around = searchItems(ctx, `${viewItem(item, ctx.lang).text.claim} ${question}`, 4);
  const unique: Item[] = [];
  for (const hit of [...around, ...hits]) {
    if (hit.number !== item.number && !unique.some((u) => u.number === hit.number)) unique.push(hit);
  }
  return unique;
}

export function writeSeeAlso(ctx: TurnContext, plan: PartPlan, exclude: number[]): void {
  const other = plan.hits.find((hit) => !exclude.includes(hit.number) && hit.number !== plan.item?.number);
  if (!other) return;
  const view = viewItem(other, ctx.lang);
  ctx.out.write(`${ctx.p.seeAlso} **#${other.number} · ${view.text.title}** — ${view.text.claim}`);
  ctx.out.cite(other);
}

export function writeComparison(ctx: TurnContext, plan: PartPlan, level: string): void {
  const items = [plan.item, ...plan.others].filter((item): item is Item => item !== undefined);
  for (const item of items) {
    ctx.out.write(`${level} #${item.number} · ${viewItem(item, ctx.lang).text.title}`);
    writeSections(ctx, item, ['comparison'], plan.question, [], `${level}#`);
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
