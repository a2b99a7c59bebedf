import { calculate, type LossCase } from '../../src/core';
import { readableNumber } from './readable-numbers';

const WIDTH = 340;
const HEIGHT = 220;
const LEFT = 46;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 40;

/** Which curve a loss gets: against the error for regression losses, against p for probability ones. */
const errorLosses = new Set(['mse', 'mae', 'huber', 'smooth-l1', 'log-cosh']);
const probabilityLosses = new Set(['bce', 'focal']);

function curveCase(loss: string, params: LossCase['params'], x: number): LossCase {
  if (errorLosses.has(loss)) return { loss, params, inputs: { yTrue: [0], yPred: [x] } };
  // Focal loss reads logits by default; plot it against the probability it implies.
  const fromLogits = loss === 'focal' && params?.['fromLogits'] !== false;
  return { loss, params, inputs: { yTrue: [1], yPred: [fromLogits ? Math.log(x / (1 - x)) : x] } };
}

/** Round tick values (1, 2 or 5 times a power of ten) spanning low..high, about `count` of them. */
export function ticks(low: number, high: number, count = 5): number[] {
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const first = Math.ceil(low / step) * step;
  const values: number[] = [];
  for (let v = first; v <= high + step * 1e-9; v += step) values.push(Number(v.toPrecision(12)));
  return values;
}

const ns = 'http://www.w3.org/2000/svg';
export function svgNode(tag: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(ns, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * An SVG plot of the loss against the error (or the predicted probability of the true class), drawn
 * with the same calculator as everything else, with axes, ticks, labels and the learner's own points.
 */
export function lossPlot(loss: string, params: LossCase['params'], points: number[]): SVGSVGElement | undefined {
  if (!errorLosses.has(loss) && !probabilityLosses.has(loss)) return undefined;
  const probability = probabilityLosses.has(loss);
  const reach = Math.max(3, ...points.map(Math.abs));
  const [low, high] = probability ? [0.01, 0.99] : [-reach, reach];
  const xs = Array.from({ length: 101 }, (_, i) => low + ((high - low) * i) / 100);
  const value = (x: number) => calculate(curveCase(loss, params, x)).value as number;
  const ys = xs.map(value);
  const top = Math.max(...ys, 1e-9);
  const sx = (x: number) => LEFT + ((x - low) / (high - low)) * (WIDTH - LEFT - RIGHT);
  const sy = (y: number) => HEIGHT - BOTTOM - (y / top) * (HEIGHT - TOP - BOTTOM);
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('role', 'img');
  const xName = probability ? 'predicted probability of the true class' : 'error (prediction − target)';
  svg.setAttribute('aria-label', `${loss} loss against the ${xName}, from ${readableNumber(low)} to ${readableNumber(high)}; ${points.length} of your points marked`);
  const xAxisY = HEIGHT - BOTTOM;
  svg.append(svgNode('line', { class: 'axis', x1: LEFT, x2: WIDTH - RIGHT, y1: xAxisY, y2: xAxisY }), svgNode('line', { class: 'axis', x1: LEFT, x2: LEFT, y1: TOP, y2: xAxisY }));
  for (const t of ticks(probability ? 0 : low, probability ? 1 : high).filter((t) => t >= low - 1e-9 && t <= high + 1e-9)) {
    svg.append(svgNode('line', { class: 'tick', x1: sx(t), x2: sx(t), y1: xAxisY, y2: xAxisY + 4 }), svgNode('text', { class: 'tick-label', x: sx(t), y: xAxisY + 15, 'text-anchor': 'middle' }, readableNumber(t)));
  }
  for (const t of ticks(0, top, 4)) {
    svg.append(svgNode('line', { class: 'grid', x1: LEFT, x2: WIDTH - RIGHT, y1: sy(t), y2: sy(t) }), svgNode('text', { class: 'tick-label', x: LEFT - 5, y: sy(t) + 3, 'text-anchor': 'end' }, readableNumber(t)));
  }
  svg.append(
    svgNode('text', { class: 'axis-label', x: (LEFT + WIDTH - RIGHT) / 2, y: HEIGHT - 6, 'text-anchor': 'middle' }, xName),
    svgNode('text', { class: 'axis-label', x: 12, y: (TOP + xAxisY) / 2, 'text-anchor': 'middle', transform: `rotate(-90 12 ${(TOP + xAxisY) / 2})` }, 'loss'),
    svgNode('path', { class: 'curve', d: xs.map((x, i) => `${i === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(ys[i]!).toFixed(1)}`).join(' ') }),
  );
  for (const x of points.filter((p) => p >= low && p <= high)) {
    const dot = svgNode('circle', { cx: sx(x).toFixed(1), cy: sy(value(x)).toFixed(1), r: 4 });
    dot.append(svgNode('title', {}, `your point: ${readableNumber(x)}, loss ${readableNumber(value(x))}`));
    svg.append(dot);
  }
  return svg;
}
