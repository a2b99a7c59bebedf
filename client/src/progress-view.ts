/**
 * The progress panel: the notes' items by study state, the reviews due on each coming day, the share
 * of reviews recalled per day as a plot, and the items most often missed, each with a link to ask.
 * Every number is the learner's own record, as the server counted it.
 */
import { svgNode, ticks } from './loss-plot';
import { savedLearner } from './learner';
import { currentNotebook } from './notebook-state';

type ItemState = 'new' | 'learning' | 'due' | 'known';

interface Progress {
  items: { item: number; title: string; state: ItemState; cards: number }[];
  counts: Record<ItemState, number>;
  forecast: { day: string; due: number }[];
  retention: { day: string; reviews: number; recalled: number }[];
  mostMissed: { item: number; title: string; misses: number }[];
}

const STATES: ItemState[] = ['due', 'learning', 'known', 'new'];
const WIDTH = 340;
const HEIGHT = 180;
const LEFT = 40;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 36;

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};

/** A chart frame with a y axis from 0 to `top`, labelled ticks, and x labels under each of `labels`. */
function chart(label: string, top: number, labels: string[], yName: string): { svg: SVGSVGElement; sx: (i: number) => number; sy: (y: number) => number } {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const n = Math.max(1, labels.length);
  const sx = (i: number) => LEFT + ((i + 0.5) / n) * (WIDTH - LEFT - RIGHT);
  const sy = (y: number) => HEIGHT - BOTTOM - (y / top) * (HEIGHT - TOP - BOTTOM);
  const base = HEIGHT - BOTTOM;
  svg.append(svgNode('line', { class: 'axis', x1: LEFT, x2: WIDTH - RIGHT, y1: base, y2: base }), svgNode('line', { class: 'axis', x1: LEFT, x2: LEFT, y1: TOP, y2: base }));
  for (const t of ticks(0, top, 4)) svg.append(svgNode('line', { class: 'grid', x1: LEFT, x2: WIDTH - RIGHT, y1: sy(t), y2: sy(t) }), svgNode('text', { class: 'tick-label', x: LEFT - 5, y: sy(t) + 3, 'text-anchor': 'end' }, String(t)));
  const every = Math.ceil(labels.length / 7);
  labels.forEach((text, i) => {
    if (i % every === 0) svg.append(svgNode('text', { class: 'tick-label', x: sx(i), y: base + 14, 'text-anchor': 'middle' }, text.slice(5)));
  });
  svg.append(svgNode('text', { class: 'axis-label', x: 10, y: (TOP + base) / 2, 'text-anchor': 'middle', transform: `rotate(-90 10 ${(TOP + base) / 2})` }, yName));
  return { svg, sx, sy };
}

function forecastChart(forecast: Progress['forecast']): SVGSVGElement {
  const top = Math.max(1, ...forecast.map((f) => f.due));
  const { svg, sx, sy } = chart(`Reviews due per day over the next ${forecast.length} days: ${forecast.map((f) => `${f.day} ${f.due}`).join(', ')}`, top, forecast.map((f) => f.day), 'reviews');
  const width = ((WIDTH - LEFT - RIGHT) / forecast.length) * 0.7;
  forecast.forEach((f, i) => {
    if (f.due === 0) return;
    const bar = svgNode('rect', { class: 'bar', x: sx(i) - width / 2, y: sy(f.due), width, height: sy(0) - sy(f.due) });
    bar.append(svgNode('title', {}, `${f.day}: ${f.due}`));
    svg.append(bar);
  });
  return svg;
}

function retentionPlot(retention: Progress['retention']): SVGSVGElement {
  const { svg, sx, sy } = chart(`Share of reviews recalled per day: ${retention.map((r) => `${r.day} ${r.recalled} of ${r.reviews}`).join(', ')}`, 100, retention.map((r) => r.day), 'recalled %');
  const points = retention.map((r, i) => [sx(i), sy((100 * r.recalled) / r.reviews)] as const);
  svg.append(svgNode('path', { class: 'curve', d: points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ') }));
  retention.forEach((r, i) => {
    const dot = svgNode('circle', { cx: points[i]![0].toFixed(1), cy: points[i]![1].toFixed(1), r: 4 });
    dot.append(svgNode('title', {}, `${r.day}: ${r.recalled} of ${r.reviews} recalled`));
    svg.append(dot);
  });
  return svg;
}

function render(panel: HTMLElement, progress: Progress, ask: (text: string) => void): void {
  const heading = element('h2', 'Your progress');
  heading.id = 'progress-heading';
  const counts = element('dl', undefined, 'progress-counts');
  for (const state of STATES) counts.append(element('dt', state), element('dd', String(progress.counts[state])));
  counts.setAttribute('aria-label', 'Items by state');
  const byState = element('div', undefined, 'progress-items');
  for (const state of STATES.filter((s) => s !== 'new')) {
    const items = progress.items.filter((i) => i.state === state);
    if (items.length === 0) continue;
    const list = element('ul');
    list.dataset['state'] = state;
    for (const item of items) list.append(element('li', `#${item.item} ${item.title}`));
    byState.append(element('h3', `${state[0]!.toUpperCase()}${state.slice(1)}`), list);
  }
  const missed = element('ol', undefined, 'most-missed');
  for (const m of progress.mostMissed) {
    const link = element('button', `#${m.item} ${m.title}`, 'link');
    link.type = 'button';
    link.addEventListener('click', () => ask(`Explain item #${m.item}`));
    const li = element('li');
    li.append(link, ` (missed ${m.misses})`);
    missed.append(li);
  }
  const forecast = element('figure', undefined, 'plot');
  forecast.append(forecastChart(progress.forecast), element('figcaption', 'Reviews due per day'));
  const retention = element('figure', undefined, 'plot');
  if (progress.retention.length > 0) retention.append(retentionPlot(progress.retention));
  retention.append(element('figcaption', progress.retention.length > 0 ? 'Recalled per day (not graded again)' : 'No reviews yet: say "review" in the chat.'));
  panel.replaceChildren(heading, counts, byState, element('h3', 'Forecast'), forecast, element('h3', 'Retention'), retention, element('h3', 'Most missed'), progress.mostMissed.length > 0 ? missed : element('p', 'Nothing missed yet.'));
}

/** Reads the learner's progress and draws it in the panel; says so when there is no profile yet. */
export async function showProgress(panel: HTMLElement, ask: (text: string) => void): Promise<void> {
  const learner = savedLearner();
  if (!learner) return void panel.replaceChildren(element('p', 'Your profile starts once the chat connects.'));
  // A notebook's conversation studies the notebook's cards: its progress is the notebook's.
  const query = currentNotebook ? `?${new URLSearchParams({ notebook: currentNotebook })}` : '';
  const response = await fetch(`/api/study/progress${query}`, { headers: { 'X-Learner': learner } });
  if (!response.ok) return void panel.replaceChildren(element('p', 'Progress could not be read; reload the page.'));
  render(panel, (await response.json()) as Progress, ask);
}

/** The welcome's line on the learner's due cards, with a button that starts the review. */
export function dueNotice(due: number, ask: (text: string) => void): HTMLElement {
  const notice = element('p', undefined, 'due-notice');
  notice.append(due === 0 ? 'No cards are due for review. ' : due === 1 ? 'One card is due for review. ' : `${due} cards are due for review. `);
  if (due > 0) {
    const start = element('button', 'Review now', 'link');
    start.type = 'button';
    start.addEventListener('click', () => ask('review'));
    notice.append(start);
  }
  return notice;
}
