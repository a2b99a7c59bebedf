/**
 * Numbers in a question: lists of targets and predictions ("[1, 2, 3]", "200000, 250000 and
 * 300000", "y_true = [...]", "目標值「1、2、3」"), matrices of rows, loss parameters ("delta 1",
 * "gamma = 2", "with alpha 0.25") and weights of named terms ("the weight of quality were 0.9").
 */
import type { Reduction } from '../../core/case';

export type ListRole = 'target' | 'prediction';

export interface NumberList {
  values: number[] | number[][];
  role?: ListRole;
  /** Where the list starts in the text, to keep lists in the order they were written. */
  start: number;
}

export interface ExtractedNumbers {
  lists: NumberList[];
  /** "reduction sum", "summed", "batchmean": how the question wants the per-element losses reduced. */
  reduction?: Reduction;
  params: Record<string, number>;
  /** Weights of combined-loss terms by label: "weight of quality 0.9" → { quality: 0.9 }. */
  termWeights: Record<string, number>;
}

const num = String.raw`-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?`;
const numberToken = new RegExp(String.raw`(?<![A-Za-z_\d.])${num}(?![A-Za-z_\d])`, 'g');

/** Spoken names of calculator parameters, to the parameter's key. */
const paramNames: [RegExp, string][] = [
  [/delta|δ/, 'delta'],
  [/gamma|γ/, 'gamma'],
  [/alpha|α/, 'alpha'],
  [/beta|β/, 'beta'],
  [/margin/, 'margin'],
  [/quantile|τ|tau/, 'quantile'],
  [/label[ _-]?smoothing|labelSmoothing/, 'labelSmoothing'],
  [/pos[ _-]?weight|posWeight/, 'posWeight'],
  [/smooth(?:ing)?/, 'smooth'],
  [/eps(?:ilon)?|ε/, 'eps'],
];
const joiner = String.raw`\s*(?:=|:|：|\bof\b|\bis\b|\bto\b|\bat\b|\bwas\b|\bwere\b|\bbe\b|\bequals?\b|為|为|是|設為|设为|改成|改為|改为|換成|换成|取)?\s*`;

function normalise(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[−–]/g, '-')
    .replace(/．/g, '.');
}

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

const paramPatterns: [RegExp, string][] = paramNames.map(([name, key]) => [
  new RegExp(String.raw`(?<![A-Za-z])(?:${name.source})(?![A-Za-z])${joiner}(${num})(?![\d.])`, 'gi'),
  key,
]);

function extractParams(text: string): { params: Record<string, number>; rest: string } {
  const params: Record<string, number> = {};
  let rest = text;
  for (const [pattern, key] of paramPatterns) {
    for (const match of rest.matchAll(pattern)) {
      params[key] = Number(match[1]);
      rest = blank(rest, match.index ?? 0, (match.index ?? 0) + match[0].length);
    }
  }
  return { params, rest };
}

const termWeightPatterns: RegExp[] = [
  new RegExp(String.raw`\bweight (?:of|for|on) (?:the )?([A-Za-z]+)(?: term| loss)?${joiner}(${num})`, 'gi'),
  new RegExp(String.raw`\b([A-Za-z]+)(?: term| loss)?(?:'s)? weight${joiner}(${num})`, 'gi'),
  new RegExp(String.raw`([A-Za-z]+|\p{Script=Han}{1,4})\s*(?:項)?的?權重${joiner}(${num})`, 'giu'),
];

function extractTermWeights(text: string): { termWeights: Record<string, number>; rest: string } {
  const termWeights: Record<string, number> = {};
  let rest = text;
  for (const pattern of termWeightPatterns) {
    for (const match of rest.matchAll(pattern)) {
      const label = (match[1] ?? '').toLowerCase();
      if (label === 'the' || label === 'a') continue;
      termWeights[label] = Number(match[2]);
      rest = blank(rest, match.index ?? 0, (match.index ?? 0) + match[0].length);
    }
  }
  return { termWeights, rest };
}

const targetWords = /y[_ ]?true|targets?|actual|(?:true |ground[- ]truth )?masks?|truth|labels?|observed|real values?|目標|真實|實際|標籤|真值/gi;
const predictionWords = /y[_ ]?pred|y[_ ]?hat|predictions?|predicted|preds?|outputs?|estimates?|logits?|scores?|probabilit(?:y|ies)|forecasts?|預測|輸出|機率|分數/gi;

/** The role a list's label gives it: the keyword written closest before the list wins. */
function roleBefore(text: string, from: number, start: number): ListRole | undefined {
  const window = text.slice(Math.max(from, start - 60), start);
  const last = (pattern: RegExp): number => Math.max(-1, ...[...window.matchAll(pattern)].map((m) => m.index ?? -1));
  const target = last(targetWords);
  const prediction = last(predictionWords);
  if (target < 0 && prediction < 0) return undefined;
  return target > prediction ? 'target' : 'prediction';
}

function numbersIn(text: string): number[] {
  return [...text.matchAll(numberToken)].map((m) => Number(m[0]));
}

const matrix = /\[\s*\[[^[\]]*\](?:\s*[,，]?\s*\[[^[\]]*\])*\s*\]/g;
const bracketed = /[[(（]([\d\s.,，、;；eE+-]*\d[\d\s.,，、;；eE+-]*)[\])）]/g;
// "and" ends a list ("1, 2 and 3") but joins none to a list that goes on ("1,2,3 and 1,2,4" is two).
const run = new RegExp(String.raw`(?<![A-Za-z_\d.])${num}(?:\s*(?:,|，|、|;|；|\s)\s*${num}|\s*(?:\band\b|和|與|及)\s*${num}(?![\d.]|\s*[,，、]\s*-?\.?\d))+(?![A-Za-z_\d])`, 'g');

function findLists(text: string): { values: number[] | number[][]; start: number; end: number }[] {
  const found: { values: number[] | number[][]; start: number; end: number }[] = [];
  let rest = text;
  const take = (pattern: RegExp, parse: (s: string) => number[] | number[][]): void => {
    for (const match of rest.matchAll(pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      found.push({ values: parse(match[0]), start, end });
      rest = blank(rest, start, end);
    }
  };
  take(matrix, (s) => [...s.matchAll(/\[([^[\]]*)\]/g)].map((row) => numbersIn(row[1] ?? '')));
  take(bracketed, numbersIn);
  take(run, numbersIn);
  return found.sort((a, b) => a.start - b.start);
}

function reductionIn(text: string): Reduction | undefined {
  const match = /\b(?:reduction\s*(?:=|:|of|is)?\s*["'`]?(mean|sum|none|batchmean)|(sum|mean|batchmean) reduction|(summed|batchmean))\b|(加總|總和|平均)/i.exec(text);
  if (!match) return undefined;
  const word = (match[1] ?? match[2] ?? match[3] ?? match[4] ?? '').toLowerCase();
  const byWord: Record<string, Reduction> = { summed: 'sum', 加總: 'sum', 總和: 'sum', 平均: 'mean' };
  return byWord[word] ?? (word as Reduction);
}

/** Pulls every number the question gives; `skip` spans (item references) are ignored. */
export function extractNumbers(text: string, skip: [number, number][] = []): ExtractedNumbers {
  let rest = normalise(text);
  for (const [start, end] of skip) rest = blank(rest, start, end);
  const reduction = reductionIn(text);
  if (!/\d/.test(rest)) return reduction ? { lists: [], params: {}, termWeights: {}, reduction } : { lists: [], params: {}, termWeights: {} };
  const withParams = extractParams(rest);
  const withWeights = extractTermWeights(withParams.rest);
  const lists: NumberList[] = [];
  let previousEnd = 0;
  for (const list of findLists(withWeights.rest)) {
    const role = roleBefore(withWeights.rest, previousEnd, list.start);
    lists.push(role ? { values: list.values, role, start: list.start } : { values: list.values, start: list.start });
    previousEnd = list.end;
  }
  const extracted: ExtractedNumbers = { lists, params: withParams.params, termWeights: withWeights.termWeights };
  if (reduction) extracted.reduction = reduction;
  return extracted;
}

export interface AssignedInputs {
  yTrue: number[] | number[][];
  yPred: number[] | number[][];
  /** True when no keyword said which list is which and the order (targets first) decided. */
  assumedOrder: boolean;
}

/** Which list holds the targets and which the predictions: keywords first, else written order. */
export function assignRoles(lists: NumberList[]): AssignedInputs | undefined {
  if (lists.length < 2) return undefined;
  const target = lists.find((l) => l.role === 'target');
  const prediction = lists.find((l) => l.role === 'prediction' && l !== target);
  if (target && prediction) return { yTrue: target.values, yPred: prediction.values, assumedOrder: false };
  const [first, second] = lists as [NumberList, NumberList];
  if (target) return { yTrue: target.values, yPred: (target === first ? second : first).values, assumedOrder: false };
  if (prediction) return { yTrue: (prediction === first ? second : first).values, yPred: prediction.values, assumedOrder: false };
  return { yTrue: first.values, yPred: second.values, assumedOrder: true };
}
