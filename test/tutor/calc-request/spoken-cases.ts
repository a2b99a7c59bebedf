/**
 * Random calculator cases of every loss, each with the sentences a learner could write for it:
 * the generated tuning set of the calc-request reader's property test. A loss of the registry
 * without a shape here, or a parameter that is neither spoken nor listed as unspoken, fails the
 * test, so a new loss or parameter cannot slip past it.
 */
import fc from 'fast-check';
import type { LossCase, ParamValue } from '../../../src/core';
import type { CalcLang } from '../../../src/tutor/calc-request';

export interface Spoken {
  lossCase: LossCase;
  lang: CalcLang;
  text: string;
}

const num = (n: number): string => String(n);
type ListStyle = 'brackets' | 'spaces' | 'parentheses' | 'prose';
const listStyles: ListStyle[] = ['brackets', 'spaces', 'parentheses', 'prose'];
function list(values: readonly number[], style: ListStyle, lang: CalcLang): string {
  const parts = values.map(num);
  if (style === 'brackets') return `[${parts.join(', ')}]`;
  if (style === 'spaces') return `[${parts.join(' ')}]`;
  if (style === 'parentheses') return values.length > 1 ? `(${parts.join(', ')})` : parts[0]!;
  if (parts.length === 1) return parts[0]!;
  return lang === 'en' ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts.join('、');
}
const rows = (values: readonly (readonly number[])[]): string => (values.length === 1 ? `[${values[0]!.join(', ')}]` : `[${values.map((r) => `[${r.join(', ')}]`).join(', ')}]`);

// Numbers a learner types: quarters in [-10, 10], twentieths in (0, 1), tenths that sum to one.
const real = fc.integer({ min: -40, max: 40 }).map((n) => n / 4);
const positive = fc.integer({ min: 1, max: 40 }).map((n) => n / 4);
const unit = fc.integer({ min: 1, max: 19 }).map((n) => n / 20);
const bit = fc.constantFrom(0, 1);
const sign = fc.constantFrom(1, -1);
const tenths = (n: number): fc.Arbitrary<number[]> =>
  fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
    const edges = [0, ...cuts.sort((a, b) => a - b), 10];
    return edges.slice(1).map((e, i) => (e - edges[i]!) / 10);
  });
const sized = <T>(n: number, item: fc.Arbitrary<T>): fc.Arbitrary<T[]> => fc.array(item, { minLength: n, maxLength: n });
const length = fc.integer({ min: 1, max: 4 });

/** How a parameter is said, in English and Chinese, with the values a learner would give it. */
interface ParamWords { value: fc.Arbitrary<ParamValue>; en: ((v: string) => string)[]; zh: ((v: string) => string)[] }
const numeric = (value: fc.Arbitrary<number>, en: string[], zh: string[]): ParamWords => ({
  value,
  en: en.map((w) => (v: string) => w.replace('#', v)),
  zh: zh.map((w) => (v: string) => w.replace('#', v)),
});

const spokenParams: Record<string, ParamWords> = {
  delta: numeric(positive, ['delta #', 'delta = #', 'with δ=#', 'threshold #'], ['delta 取 #', 'δ = #']),
  beta: numeric(positive, ['beta #', 'beta = #', 'β=#'], ['beta 取 #', 'β = #']),
  quantile: numeric(unit, ['quantile #', 'tau = #', 'q=#', 'quantile of #', 'at the # quantile'], ['分位数 #', 'tau 取 #']),
  posWeight: numeric(positive, ['pos_weight #', 'pos_weight=#', 'positive weight #', 'pos weight of #'], ['正样本权重 #', 'pos_weight = #']),
  labelSmoothing: numeric(unit, ['label smoothing #', 'label_smoothing=#'], ['标签平滑 #', '標籤平滑 #']),
  margin: numeric(positive, ['margin #', 'margin = #', 'a margin of #'], ['间隔 #', 'margin 取 #']),
  alpha: numeric(unit, ['alpha #', 'α = #', 'alpha=#'], ['alpha 取 #', 'α=#']),
  gamma: numeric(positive, ['gamma #', 'γ = #', 'gamma=#'], ['gamma 取 #', 'γ = #']),
  smooth: numeric(unit, ['smooth #', 'smoothing #', 'smooth=#'], ['平滑 #', 'smooth 取 #']),
  p: numeric(fc.constantFrom(1, 2), ['p = #', 'p=#', 'norm p #'], ['p = #', 'p 取 #']),
};
const classWords = {
  en: [(v: string) => `class weights ${v}`, (v: string) => `class_weights=${v}`, (v: string) => `weight per class ${v}`],
  zh: [(v: string) => `类别权重 ${v}`, (v: string) => `類別權重 ${v}`],
};

/**
 * Parameters the generator leaves at their defaults, with why: the reader still recognises their
 * names and asks rather than drops them.
 */
export const unspokenParams: Record<string, string> = {
  weightNormalization: 'how sample weights enter the mean: an option of the API, not of a learner\'s question',
  eps: 'a numerical guard, left at its default',
  ignoreIndex: 'no learner question sets which class to ignore',
  full: 'the constant term of the Gaussian NLL, a switch',
  swap: 'the distance swap of the triplet loss, a switch',
  squared: 'the V-Net denominator of the Dice loss, a switch',
  fromLogits: 'said through the words for the predictions (probabilities or logits)',
  logInput: 'said through the words for the predictions (rates or log-rates)',
};

/** Every parameter some shape says; class weights are a list, said by the class-row shape. */
export const spokenParamNames: readonly string[] = [...Object.keys(spokenParams), 'classWeights'];

/** Which parameters each family speaks. */
const speakable = (names: readonly string[]): string[] => names.filter((n) => n in spokenParams);

interface Say { lang: CalcLang; style: ListStyle; template: number; paramOrder: number }
const say: fc.Arbitrary<Say> = fc.record({ lang: fc.constantFrom<CalcLang>('en', 'zh-Hans', 'zh-Hant'), style: fc.constantFrom(...listStyles), template: fc.nat(3), paramOrder: fc.nat(11) });

function paramPhrase(params: Record<string, ParamValue>, s: Say): string {
  const en = s.lang === 'en';
  return Object.entries(params)
    .map(([name, value]) => {
      if (name === 'classWeights') {
        const forms = en ? classWords.en : classWords.zh;
        return forms[s.paramOrder % forms.length]!(`[${(value as number[]).join(', ')}]`);
      }
      const words = spokenParams[name]!;
      const forms = en ? words.en : words.zh;
      return forms[s.paramOrder % forms.length]!(num(value as number));
    })
    .join(en ? ' and ' : '，');
}

function withParams(text: string, params: Record<string, ParamValue>, s: Say): string {
  if (Object.keys(params).length === 0) return text;
  const phrase = paramPhrase(params, s);
  if (s.lang !== 'en') return s.paramOrder % 2 === 0 ? `${text}，${phrase}` : `${phrase}，${text}`;
  return s.paramOrder % 2 === 0 ? `${text}, with ${phrase}` : `${text} (${phrase})`;
}

type Reduction = 'sum' | 'mean' | undefined;
function withReduction(text: string, reduction: Reduction, s: Say): string {
  if (!reduction) return text;
  if (s.lang !== 'en') return `${text}，reduction='${reduction}'`;
  return s.template % 2 === 0 ? `${text}, reduction='${reduction}'` : `${text}, reduction = ${reduction}`;
}

const paramsOf = (names: string[]): fc.Arbitrary<Record<string, ParamValue>> =>
  fc.subarray(names, { maxLength: Math.min(2, names.length) }).chain((chosen) => fc.record(Object.fromEntries(chosen.map((n) => [n, spokenParams[n]!.value]))));
const reductionOf = (reductions: readonly string[]): fc.Arbitrary<Reduction> => fc.constantFrom<Reduction>(undefined, ...(['sum', 'mean'] as const).filter((r) => reductions.includes(r)));

interface Names { en: string; zh: string }
interface LossSpec { id: string; params: readonly { name: string }[]; reductions: readonly string[]; names: Names }

/** The words for the two lists of an elementwise loss: targets first, then predictions. */
interface Roles { en: [string, string][]; zh: [string, string][] }
const valueRoles: Roles = {
  en: [['targets', 'predictions'], ['y_true =', 'y_pred ='], ['the actual values are', 'the predicted values are'], ['labels', 'outputs']],
  zh: [['真实值', '预测值'], ['目标', '预测'], ['真實值', '預測值'], ['y_true =', 'y_pred =']],
};

/** Targets and predictions in one of four templates, predictions first in one of them. */
function pairSentence(name: Names, t: string, p: string, roles: Roles, s: Say): string {
  const [rt, rp] = (s.lang === 'en' ? roles.en : roles.zh)[s.template]!;
  if (s.lang !== 'en') return s.template === 1 ? `${name.zh}：${rp} ${p}，${rt} ${t}` : `${name.zh}，${rt} ${t}，${rp} ${p}`;
  switch (s.template) {
    case 0: return `${name.en} for ${rt} ${t} and ${rp} ${p}`;
    case 1: return `compute the ${name.en} with ${rt} ${t}, ${rp} ${p}`;
    case 2: return `what is the ${name.en} when ${rp} ${p} and ${rt} ${t}?`;
    default: return `${name.en}: ${rp} ${p} vs ${rt} ${t}`;
  }
}

function elementwise(loss: LossSpec, target: fc.Arbitrary<number>, prediction: fc.Arbitrary<number>, roles: Roles = valueRoles, extra: Partial<LossCase> = {}): fc.Arbitrary<Spoken> {
  return fc.tuple(length, say).chain(([n, s]) =>
    fc.record({ t: sized(n, target), p: sized(n, prediction), params: paramsOf(speakable(loss.params.map((q) => q.name))), reduction: reductionOf(loss.reductions) }).map(({ t, p, params, reduction }) => {
      const text = withReduction(withParams(pairSentence(loss.names, list(t, s.style, s.lang), list(p, s.style, s.lang), roles, s), params, s), reduction, s);
      const lossCase: LossCase = { ...extra, loss: loss.id, inputs: { yTrue: t, yPred: p }, ...(Object.keys(params).length > 0 ? { params: { ...extra.params, ...params } } : {}), ...(reduction ? { reduction } : {}) };
      return { lossCase, lang: s.lang, text };
    }),
  );
}

const binaryRoles = (prediction: [string, string]): Roles => ({ en: [['labels', prediction[0]], ['y_true =', `${prediction[0]} =`], ['the labels are', `the ${prediction[0]} are`], ['targets', prediction[0]]], zh: [['标签', prediction[1]], ['標籤', prediction[1]], ['真实标签', prediction[1]], ['y_true =', prediction[1]]] });

function gaussian(loss: LossSpec): fc.Arbitrary<Spoken> {
  return fc.tuple(length, say).chain(([n, s]) =>
    fc.record({ t: sized(n, real), mu: sized(n, real), v: sized(n, positive), reduction: reductionOf(loss.reductions) }).map(({ t, mu, v, reduction }) => {
      const [l, style] = [s.lang, s.style];
      const text = l === 'en'
        ? [`gaussian nll for targets ${list(t, style, l)}, means ${list(mu, style, l)} and variances ${list(v, style, l)}`, `Gaussian NLL: y = ${list(t, style, l)}, mu = ${list(mu, style, l)}, var = ${list(v, style, l)}`][s.template % 2]!
        : `高斯负对数似然，真实值 ${list(t, style, l)}，均值 ${list(mu, style, l)}，方差 ${list(v, style, l)}`;
      return { lossCase: { loss: loss.id, inputs: { yTrue: t, yPred: mu, var: v }, ...(reduction ? { reduction } : {}) }, lang: l, text: withReduction(text, reduction, s) };
    }),
  );
}

function classRows(loss: LossSpec, score: fc.Arbitrary<number>, scoreWords: [string, string]): fc.Arbitrary<Spoken> {
  const spoken = speakable(loss.params.map((q) => q.name));
  const takesClassWeights = loss.params.some((q) => q.name === 'classWeights');
  return fc.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 3 }), say).chain(([k, r, s]) =>
    fc.record({
      scores: sized(r, sized(k, score)),
      targets: sized(r, fc.nat(k - 1)),
      params: paramsOf(spoken),
      weights: takesClassWeights ? fc.option(sized(k, fc.integer({ min: 1, max: 8 }).map((w) => w / 2)), { nil: undefined }) : fc.constant(undefined),
      reduction: reductionOf(loss.reductions),
    }).map(({ scores, targets, params, weights, reduction }) => {
      const all = weights ? { ...params, classWeights: weights } : params;
      const en = s.lang === 'en';
      const single = r === 1 && s.template % 2 === 1;
      const target = single
        ? en ? `the true class is index ${targets[0]}` : `正确的是第${'一二三四五'[targets[0]!]}类`
        : en ? `targets [${targets.join(', ')}]` : `目标 [${targets.join(', ')}]`;
      const text = en ? `${loss.names.en} with ${scoreWords[0]} ${rows(scores)}, ${target}` : `${loss.names.zh}，${scoreWords[1]} ${rows(scores)}，${target}`;
      return {
        lossCase: { loss: loss.id, inputs: { yTrue: targets, yPred: scores }, ...(Object.keys(all).length > 0 ? { params: all } : {}), ...(reduction ? { reduction } : {}) },
        lang: s.lang,
        text: withReduction(withParams(text, all, s), reduction, s),
      };
    }),
  );
}

function distributionRows(loss: LossSpec, oneHot: boolean): fc.Arbitrary<Spoken> {
  return fc.tuple(fc.integer({ min: 2, max: 4 }), say).chain(([k, s]) =>
    fc.record({ t: oneHot ? fc.nat(k - 1).map((c) => Array.from({ length: k }, (_, j) => (j === c ? 1 : 0))) : tenths(k), p: tenths(k), reduction: reductionOf(loss.reductions) }).map(({ t, p, reduction }) => {
      const en = s.lang === 'en';
      const [pt, pp] = [`[${t.join(', ')}]`, `[${p.join(', ')}]`];
      let text: string;
      if (loss.id === 'kl-div') {
        text = en
          ? [`KL(P||Q) where P = ${pt} and Q = ${pp}`, `KL(P||Q) with Q = ${pp} and P = ${pt}`, `the KL divergence of the target P ${pt} from the prediction Q ${pp}`, `KL(A || B) where B is ${pp} and A is ${pt}`][s.template]!
          : [`KL 散度，P = ${pt}，Q = ${pp}`, `KL(P||Q)，Q = ${pp}，P = ${pt}`, `KL 散度：真实分布 ${pt}，预测分布 ${pp}`, `相对熵，目标 ${pt}，预测 ${pp}`][s.template]!;
      } else {
        const [rt, rp] = en ? (oneHot ? ['one-hot target', 'scores'] : ['target', 'predicted probabilities']) : oneHot ? ['真实标签', '预测分数'] : ['真实分布', '预测概率'];
        text = en
          ? s.template % 2 === 0 ? `${loss.names.en} with ${rt} ${pt} and ${rp} ${pp}` : `${loss.names.en}: ${rp} ${pp}, ${rt} ${pt}`
          : `${loss.names.zh}，${rt} ${pt}，${rp} ${pp}`;
      }
      // "The KL divergence" is batchmean unless the learner says otherwise.
      const shown = reduction ?? (loss.id === 'kl-div' ? 'batchmean' : undefined);
      return { lossCase: { loss: loss.id, inputs: { yTrue: [t], yPred: [p] }, ...(shown ? { reduction: shown } : {}) }, lang: s.lang, text: withReduction(text, reduction, s) };
    }),
  );
}

function embedding(loss: LossSpec): fc.Arbitrary<Spoken> {
  const spoken = speakable(loss.params.map((q) => q.name));
  return fc.tuple(fc.integer({ min: 2, max: 3 }), say).chain(([d, s]) =>
    fc.record({ a: sized(d, real), b: sized(d, real), c: sized(d, real), y: sign, params: paramsOf(spoken), reduction: reductionOf(loss.reductions) }).map(({ a, b, c, y, params, reduction }) => {
      const en = s.lang === 'en';
      const v = (x: number[]): string => `[${x.join(', ')}]`;
      let text: string;
      let lossCase: LossCase;
      if (loss.id === 'triplet') {
        text = en
          ? [`triplet loss with anchor ${v(a)}, positive ${v(b)} and negative ${v(c)}`, `triplet loss: negative ${v(c)}, anchor ${v(a)}, positive ${v(b)}`][s.template % 2]!
          : `三元组损失，锚点 ${v(a)}，正样本 ${v(b)}，负样本 ${v(c)}`;
        lossCase = { loss: loss.id, inputs: { anchor: [a], positive: [b], negative: [c] } };
      } else if (loss.id === 'cosine-embedding') {
        text = en ? `cosine embedding loss for x1 ${v(a)}, x2 ${v(b)} and y = ${y}` : `余弦嵌入损失，x1 ${v(a)}，x2 ${v(b)}，y = ${y}`;
        lossCase = { loss: loss.id, inputs: { x1: [a], x2: [b], y: [y] } };
      } else {
        const ys = a.map((_, i) => (i % 2 === 0 ? y : -y));
        text = en ? `margin ranking loss with x1 ${v(a)}, x2 ${v(b)}, y ${v(ys)}` : `间隔排序损失，x1 ${v(a)}，x2 ${v(b)}，y ${v(ys)}`;
        lossCase = { loss: loss.id, inputs: { x1: a, x2: b, y: ys } };
      }
      const has = Object.keys(params).length > 0;
      return { lossCase: { ...lossCase, ...(has ? { params } : {}), ...(reduction ? { reduction } : {}) }, lang: s.lang, text: withReduction(withParams(text, params, s), reduction, s) };
    }),
  );
}

const termNames: Record<string, Names> = { mse: { en: 'MSE', zh: 'MSE' }, mae: { en: 'MAE', zh: 'MAE' }, huber: { en: 'Huber', zh: 'Huber' }, 'log-cosh': { en: 'log-cosh', zh: 'log-cosh' } };
function combined(): fc.Arbitrary<Spoken> {
  return fc.tuple(length, fc.uniqueArray(fc.constantFrom(...Object.keys(termNames)), { minLength: 2, maxLength: 2 }), fc.integer({ min: 1, max: 9 }), say).chain(([n, terms, w, s]) =>
    fc.record({ t: sized(n, real), p: sized(n, real) }).map(({ t, p }) => {
      const weights = [w / 10, (10 - w) / 10];
      const [a, b] = terms.map((id) => termNames[id]!.en);
      const formula = s.template % 2 === 0 ? `${weights[0]}*${a} + ${weights[1]}*${b}` : `${w * 10}% ${a} + ${100 - w * 10}% ${b}`;
      const text = s.lang === 'en' ? `${formula} for targets ${list(t, s.style, 'en')} and predictions ${list(p, s.style, 'en')}` : `${formula}，真实值 ${list(t, s.style, s.lang)}，预测值 ${list(p, s.style, s.lang)}`;
      return { lossCase: { loss: 'combined', inputs: { yTrue: t, yPred: p }, terms: terms.map((id, i) => ({ weight: weights[i]!, loss: id })) }, lang: s.lang, text };
    }),
  );
}

const names: Record<string, Names> = {
  mse: { en: 'mean squared error', zh: '均方误差' },
  mae: { en: 'MAE', zh: '平均绝对误差' },
  rmse: { en: 'RMSE', zh: '均方根误差' },
  huber: { en: 'huber loss', zh: 'Huber 损失' },
  'smooth-l1': { en: 'smooth L1 loss', zh: '平滑 L1' },
  'log-cosh': { en: 'log-cosh loss', zh: 'log-cosh 损失' },
  msle: { en: 'MSLE', zh: '均方对数误差' },
  mape: { en: 'MAPE', zh: '平均绝对百分比误差' },
  pinball: { en: 'pinball loss', zh: '分位数损失' },
  'poisson-nll': { en: 'poisson nll', zh: '泊松损失' },
  bce: { en: 'binary cross entropy', zh: '二元交叉熵' },
  'bce-logits': { en: 'BCEWithLogitsLoss', zh: 'BCEWithLogitsLoss' },
  focal: { en: 'focal loss', zh: '焦点损失' },
  hinge: { en: 'hinge loss', zh: '合页损失' },
  'squared-hinge': { en: 'squared hinge loss', zh: '平方合页损失' },
  'cross-entropy': { en: 'cross entropy', zh: '交叉熵' },
  nll: { en: 'NLL loss', zh: '负对数似然' },
  'multi-margin': { en: 'multi-class margin loss', zh: '多类别间隔损失' },
  'categorical-cross-entropy': { en: 'categorical cross entropy', zh: '分类交叉熵' },
  'categorical-hinge': { en: 'categorical hinge loss', zh: '类别合页损失' },
  dice: { en: 'dice loss', zh: 'Dice 损失' },
  jaccard: { en: 'jaccard loss', zh: 'Jaccard 损失' },
  tversky: { en: 'tversky loss', zh: 'Tversky 损失' },
};

type Shape = (loss: LossSpec) => fc.Arbitrary<Spoken>;
const nonNegative = fc.integer({ min: 0, max: 40 }).map((n) => n / 4);
const nonZero = real.filter((v) => v !== 0);
const overlap: Shape = (l) => elementwise(l, bit, unit, { en: [['mask', 'predicted probabilities'], ['targets', 'predictions'], ['the ground truth is', 'the prediction is'], ['y_true =', 'y_pred =']], zh: [['掩码', '预测概率'], ['真实值', '预测值'], ['標籤', '預測'], ['目标', '预测']] });

/** The shape of each loss's case; a loss missing here fails the property test. */
export const shapes: Record<string, Shape> = {
  mse: (l) => elementwise(l, real, real),
  mae: (l) => elementwise(l, real, real),
  rmse: (l) => elementwise(l, real, real),
  huber: (l) => elementwise(l, real, real),
  'smooth-l1': (l) => elementwise(l, real, real),
  'log-cosh': (l) => elementwise(l, real, real),
  msle: (l) => elementwise(l, nonNegative, nonNegative),
  mape: (l) => elementwise(l, nonZero, real),
  pinball: (l) => elementwise(l, real, real),
  'poisson-nll': (l) => elementwise(l, fc.integer({ min: 0, max: 9 }), real, { en: [['counts', 'log-rates'], ['observed counts', 'predicted log rates'], ['targets', 'predictions'], ['y_true =', 'y_pred =']], zh: [['计数', '预测'], ['真实值', '预测值'], ['目标', '预测'], ['y_true =', 'y_pred =']] }),
  'gaussian-nll': gaussian,
  bce: (l) => elementwise(l, bit, unit, binaryRoles(['probabilities', '概率'])),
  'bce-logits': (l) => elementwise(l, bit, real, binaryRoles(['logits', 'logits'])),
  focal: (l) => fc.oneof(elementwise(l, bit, real.filter((v) => v < 0 || v > 1), binaryRoles(['logits', 'logits'])), elementwise(l, bit, unit, binaryRoles(['probabilities', '概率']), { params: { fromLogits: false } })),
  hinge: (l) => elementwise(l, sign, real, binaryRoles(['scores', '分数'])),
  'squared-hinge': (l) => elementwise(l, sign, real, binaryRoles(['scores', '分数'])),
  'cross-entropy': (l) => classRows(l, real, ['logits', 'logits']),
  nll: (l) => classRows(l, real.map((v) => (v > 0 ? -v : v)), ['log-probabilities', '对数概率']),
  'multi-margin': (l) => classRows(l, real, ['scores', '分数']),
  'categorical-cross-entropy': (l) => distributionRows(l, false),
  'kl-div': (l) => distributionRows(l, false),
  'categorical-hinge': (l) => distributionRows(l, true),
  dice: overlap,
  jaccard: overlap,
  tversky: overlap,
  triplet: embedding,
  'cosine-embedding': embedding,
  'margin-ranking': embedding,
  combined: () => combined(),
};

/** Cases of a loss, named as learners name it or by the registry's own name ("pinball (quantile) loss"). */
export function spokenCases(loss: LossSpec['id'], spec: Omit<LossSpec, 'names'> & { name: string }): fc.Arbitrary<Spoken> | undefined {
  const shape = shapes[loss];
  const own = names[loss] ?? { en: loss, zh: loss };
  return shape && fc.constantFrom(own, { ...own, en: spec.name }).chain((said) => shape({ ...spec, id: loss, names: said }));
}

/**
 * A follow-up that sets parameters of the previous case ("now with delta 2"): the previous case
 * without them, the sentence, and the case it must read to. Undefined for a loss with no spoken
 * parameter.
 */
export function spokenFollowUps(loss: string, spec: Omit<LossSpec, 'names'> & { name: string }): fc.Arbitrary<Spoken & { previous: LossCase }> | undefined {
  const spoken = speakable(spec.params.map((q) => q.name));
  const cases = spokenCases(loss, spec);
  if (spoken.length === 0 || !cases) return undefined;
  return fc.tuple(cases, fc.subarray(spoken, { minLength: 1, maxLength: Math.min(2, spoken.length) }).chain((chosen) => fc.record(Object.fromEntries(chosen.map((n) => [n, spokenParams[n]!.value])))), say).map(([{ lossCase }, params, s]) => {
    const kept = Object.fromEntries(Object.entries(lossCase.params ?? {}).filter(([name]) => !(name in spokenParams)));
    const previous: LossCase = { ...lossCase, ...(Object.keys(kept).length > 0 ? { params: kept } : {}) };
    if (Object.keys(kept).length === 0) delete previous.params;
    const phrase = paramPhrase(params, s);
    const text = s.lang === 'en' ? [`now with ${phrase}`, `what if ${phrase}?`, `and with ${phrase}?`, `same numbers, ${phrase}`][s.template]! : [`那如果 ${phrase} 呢？`, `改成 ${phrase}`, `同样的数字，${phrase}`, `換成 ${phrase} 呢`][s.template]!;
    return { previous, lossCase: { ...previous, params: { ...kept, ...params } }, lang: s.lang, text };
  });
}
