/**
 * The parameters of a loss as learners say them. Which parameters a loss takes, and of what type,
 * comes from the calculator's registry; this module knows only the words. A parameter the words
 * name but whose value cannot be read is reported, never dropped: a dropped parameter is a
 * silently wrong number.
 */
import type { ParamValue } from '../../core/case';
import type { ParamSpec } from '../../core/param-spec';
import { losses } from '../../core/registry';
import { blank } from './blank';
import type { NamedParam } from './reading';

/** Words for each parameter name of the registry, longer phrases before the words inside them. */
const spoken: Record<string, RegExp> = {
  labelSmoothing: /label[\s_-]*smoothing|標籤平滑|标签平滑/,
  posWeight: /pos(?:itive)?[\s_-]*(?:class[\s_-]*)?weight|正樣本權重|正样本权重/,
  classWeights: /class[\s_-]*weights?|weights?[\s_-]*(?:per|for each|of each)[\s_-]*class|類別權重|类别权重/,
  weightNormalization: /weight[\s_-]*normali[sz]ation/,
  ignoreIndex: /ignore[\s_-]*index/,
  logInput: /log[\s_-]*input/,
  fromLogits: /from[\s_-]*logits/,
  smooth: /smooth(?:ing)?|平滑/,
  delta: /delta|δ|threshold|閾值|阈值/,
  beta: /beta|β/,
  gamma: /gamma|γ/,
  alpha: /alpha|α/,
  margin: /margin|間隔|间隔/,
  quantile: /quantile|tau|τ|分位數|分位数|(?<![a-z])q(?![a-z])/,
  p: /norm[\s_-]*p|(?<![a-z_])p(?![a-z_])/,
  eps: /eps(?:ilon)?|ε/,
  full: /(?<![a-z])full(?![a-z])/,
  swap: /(?<![a-z])swap(?![a-z])/,
  squared: /squared[\s_-]*(?:denominator)?/,
};

// Whole words only, plurals allowed: "eps" is not the end of "steps", "margins" is still margin.
const words: Record<string, RegExp> = Object.fromEntries(Object.entries(spoken).map(([name, regex]) => [name, new RegExp(`(?<![a-z])(?:${regex.source})s?(?![a-z])`)]));

/** Where a loss lacks a parameter but has one that learners call by its name: smooth L1's beta is often called delta. */
const standsFor: Record<string, Record<string, string>> = { 'smooth-l1': { delta: 'beta' } };

const NUM = '-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?|-?\\.\\d+';
const LIST = `\\[[^\\]]*\\]|\\([^)]*\\)|(?:${NUM})(?:\\s*(?:,|、)\\s*(?:${NUM}))*`;
const SAID = '\\s*(?:=|:|of|is|取|為|为|是)?\\s*';
const numbersIn = (text: string): number[] => (text.match(new RegExp(NUM, 'g')) ?? []).map(Number);

export interface ParamReading {
  params: Record<string, ParamValue>;
  /** The learner's words for each parameter read. */
  said: Record<string, string>;
  /** The text with every parameter the reader took blanked out. */
  rest: string;
  /** A parameter the learner named whose value could not be read. */
  unread?: NamedParam;
}

/** The parameters of a loss, by the names learners use for them, in the order their words are tried. */
function namedParams(loss: string): { name: string; spec: ParamSpec; words: RegExp }[] {
  const specs = losses.find((l) => l.id === loss)?.params ?? [];
  const named: { name: string; spec: ParamSpec; words: RegExp }[] = [];
  for (const [word, regex] of Object.entries(words)) {
    const name = specs.some((s) => s.name === word) ? word : standsFor[loss]?.[word];
    const spec = specs.find((s) => s.name === name);
    if (spec && !named.some((n) => n.name === spec.name && n.words === regex)) named.push({ name: spec.name, spec, words: regex });
  }
  return named;
}

function valueOf(spec: ParamSpec, raw: string): ParamValue | undefined {
  if (spec.type === 'numbers') {
    const values = numbersIn(raw);
    return values.length > 0 ? values : undefined;
  }
  if (spec.type === 'boolean') return /^(?:true|yes|on)$/.test(raw) ? true : /^(?:false|no|off)$/.test(raw) ? false : undefined;
  if (spec.type === 'choice') return spec.choices?.includes(raw) ? raw : undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

const valuePattern = (spec: ParamSpec): string =>
  spec.type === 'numbers' ? LIST : spec.type === 'boolean' ? 'true|false|yes|no|on|off' : spec.type === 'choice' ? '[a-z-]+' : NUM;

/**
 * Reads the parameters of the losses a request may end up computing ("bce" may become BCE with
 * logits), each written as a name and a value ("delta 0.5", "pos_weight=2", "class weights
 * [1, 2, 1]", "at the 0.3 quantile"), and reports the first name it sees without a readable value.
 */
export function readParams(text: string, lossIds: readonly string[]): ParamReading {
  let rest = text;
  const params: Record<string, ParamValue> = {};
  const said: Record<string, string> = {};
  const named = lossIds.flatMap(namedParams).filter((n, i, all) => all.findIndex((m) => m.name === n.name && m.words === n.words) === i);
  for (const { name, spec, words: regex } of named) {
    if (name in params) continue;
    const value = valuePattern(spec);
    const pattern = new RegExp(`(?:at the )?(?:${regex.source})${SAID}['"]?(${value})['"]?|(?:at the |with an? |the )(${NUM})(?:th)? (?:${regex.source})`);
    const m = pattern.exec(rest);
    if (!m) continue;
    const read = valueOf(spec, (m[1] ?? m[2])!);
    if (read === undefined) continue;
    params[name] = read;
    said[name] = regex.exec(m[0])?.[0] ?? name;
    rest = blank(rest, m.index, m.index + m[0].length);
  }
  if (lossIds.includes('poisson-nll') && !('logInput' in params)) {
    // "rates (not logs)": the words say the predictions are rates; "rates" itself stays, it names the list.
    const rates = /\(\s*not\s+(?:in\s+)?logs?(?:[\s-]*rates?)?\s*\)|,?\s*not\s+(?:in\s+)?log(?:[\s-]*rates?|s)?(?![a-z])|不是對數|不是对数/.exec(rest);
    if (rates) {
      params['logInput'] = false;
      said['logInput'] = rates[0].trim();
      rest = blank(rest, rates.index, rates.index + rates[0].length);
    }
  }
  const unread = named.find(({ name, spec, words: regex }) => !(name in params) && spec.type !== 'boolean' && regex.test(rest));
  if (!unread) return { params, said, rest };
  return { params, said, rest, unread: { name: unread.name, said: unread.words.exec(rest)![0], type: unread.spec.type } };
}

/** A parameter the reader read, by the learner's words, typed as the registry types it. */
export function namedParam(name: string, said: string): NamedParam {
  const spec = losses.flatMap((l) => l.params).find((p) => p.name === name);
  return { name, said, type: spec?.type ?? 'number' };
}

/** Whether a loss takes a parameter of that name. */
export function takesParam(loss: string, name: string): boolean {
  return losses.some((l) => l.id === loss && l.params.some((s) => s.name === name));
}
