import { calculate, type LossCase } from '../../src/core';

const WIDTH = 320;
const HEIGHT = 180;
const PAD = 24;

/** Which curve a loss gets: against the error for regression losses, against p for probability ones. */
const errorLosses = new Set(['mse', 'mae', 'huber', 'smooth-l1', 'log-cosh']);
const probabilityLosses = new Set(['bce', 'focal']);

function curveCase(loss: string, params: LossCase['params'], x: number): LossCase {
  if (errorLosses.has(loss)) return { loss, params, inputs: { yTrue: [0], yPred: [x] } };
  // Focal loss reads logits by default; plot it against the probability it implies.
  const fromLogits = loss === 'focal' && params?.['fromLogits'] !== false;
  return { loss, params, inputs: { yTrue: [1], yPred: [fromLogits ? Math.log(x / (1 - x)) : x] } };
}

/**
 * An SVG plot of the loss against the error (or the predicted probability of the true class), drawn
 * with the same calculator as everything else, with the learner's own points marked.
 */
export function lossPlot(loss: string, params: LossCase['params'], points: number[]): SVGSVGElement | undefined {
  if (!errorLosses.has(loss) && !probabilityLosses.has(loss)) return undefined;
  const probability = probabilityLosses.has(loss);
  const extent = probability ? [0.01, 0.99] : [-Math.max(3, ...points.map(Math.abs)), Math.max(3, ...points.map(Math.abs))];
  const [low, high] = extent as [number, number];
  const xs = Array.from({ length: 101 }, (_, i) => low + ((high - low) * i) / 100);
  const value = (x: number) => calculate(curveCase(loss, params, x)).value as number;
  const ys = xs.map(value);
  const top = Math.max(...ys, 1e-9);
  const sx = (x: number) => PAD + ((x - low) / (high - low)) * (WIDTH - 2 * PAD);
  const sy = (y: number) => HEIGHT - PAD - (y / top) * (HEIGHT - 2 * PAD);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${loss} against ${probability ? 'the predicted probability of the true class' : 'the error'}`);
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('class', 'curve');
  path.setAttribute('d', xs.map((x, i) => `${i === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(ys[i]!).toFixed(1)}`).join(' '));
  const axis = document.createElementNS(ns, 'line');
  for (const [k, v] of Object.entries({ x1: PAD, x2: WIDTH - PAD, y1: HEIGHT - PAD, y2: HEIGHT - PAD })) axis.setAttribute(k, String(v));
  const label = document.createElementNS(ns, 'text');
  label.setAttribute('x', String(WIDTH / 2));
  label.setAttribute('y', String(HEIGHT - 6));
  label.textContent = probability ? 'predicted probability of the true class' : 'error (prediction − target)';
  svg.append(axis, path, label);
  for (const x of points.filter((p) => p >= low && p <= high)) {
    const dot = document.createElementNS(ns, 'circle');
    dot.setAttribute('cx', sx(x).toFixed(1));
    dot.setAttribute('cy', sy(value(x)).toFixed(1));
    dot.setAttribute('r', '4');
    svg.append(dot);
  }
  return svg;
}
