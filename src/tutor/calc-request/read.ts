/**
 * Reads a learner's calculation request into a calculator case: which loss, which numbers play
 * which part, the parameters as learners name them, and what was assumed (probabilities or
 * logits, 0- or 1-based classes, the reduction). Pure: the previous case and a pending question
 * come in as data.
 */
import type { CombinedTerm, LossCase, ParamValue } from '../../core/case';
import { losses } from '../../core/registry';
import { blank } from './blank';
import { findLossSpans, type LossSpan } from './loss-words';
import { namedParam, readParams, takesParam } from './param-words';
import { missingQuestion } from './questions';
import type { CalcReadOptions, CalcReading, Interpretation, MissingInput, NamedParam, PendingCalcQuestion } from './reading';

type Role = 'yTrue' | 'yPred' | 'var' | 'weights' | 'anchor' | 'positive' | 'negative' | 'x1' | 'x2' | 'y' | 'unknown';
interface Group { start: number; end: number; values: number[] | number[][]; role: Role; pairs?: boolean }

const NUM = '-?\\d+(?:\\.\\d+)?|-?\\.\\d+';
const rowLosses = new Set(['cross-entropy', 'nll', 'multi-margin']);
const oneHotLosses = new Set(['categorical-cross-entropy', 'categorical-hinge']);
const distributionLosses = new Set(['kl-div', 'categorical-cross-entropy', 'categorical-hinge']);
const binaryLosses = new Set(['bce', 'bce-logits', 'focal', 'hinge', 'squared-hinge']);

const roleWords: [RegExp, Role][] = [
  [/variances?|σ²|sigma\s*\^?\s*2|sigma²|方差|(?<![a-z])var(?![a-z])/, 'var'],
  [/anchor|錨點|锚点/, 'anchor'],
  [/(?<![a-z])x1|first embedding/, 'x1'],
  [/(?<![a-z])x2|second embedding/, 'x2'],
  [/log[\s-]*prob|pred|prob|logit|scores?|outputs?|forecast|guess|model|(?<![a-z])mu(?![a-z])|μ|(?<![a-z])means?(?![a-z])|(?<![a-z])rates?|機率|概率|預測|预测|分數|分数|均值|(?<![a-z])q(?![a-z])/, 'yPred'],
  [/target|true|truth|actual|real|labels?|mask|counts?|sold|one[\s-]*hot|answer|真實|真实|實際|实际|目標|目标|標籤|标签|計數|计数|遮罩|掩码|(?<![a-z])p(?![a-z])|(?<![a-z])y(?![a-z_])/, 'yTrue'],
  [/weights?|權重|权重/, 'weights'],
];

/** The words that name each list, for a loss; names the learner gave the arguments ("KL(A||B)") come first. */
function roleWordsFor(loss: string, argumentNames: readonly [Role, RegExp][]): [RegExp, Role][] {
  const own: [RegExp, Role][] = [];
  if (loss === 'triplet') own.push([/anchor|錨點|锚点/, 'anchor'], [/negative|負樣本|负样本/, 'negative'], [/positive|正樣本|正样本/, 'positive']);
  if (loss === 'cosine-embedding' || loss === 'margin-ranking') own.push([/(?<![a-z])y(?![a-z_])/, 'y']);
  // For a binary loss, or one over classes, p is the predicted probability, not a target distribution P.
  if (binaryLosses.has(loss) || rowLosses.has(loss)) own.push([/(?<![a-z])p(?![a-z])|predicted probabilit/, 'yPred']);
  return [...argumentNames.map(([role, words]): [RegExp, Role] => [words, role]), ...own, ...roleWords];
}

/**
 * The part a list plays, from the words before it: the name nearest the list binds it ("with
 * rates (not logs): targets [3, 1]" names targets), and where two names end at the same place
 * the learner's own argument names, then the loss's, win.
 */
function roleOf(label: string, loss: string, argumentNames: readonly [Role, RegExp][] = []): Role {
  let best: { end: number; role: Role } | undefined;
  for (const [words, role] of roleWordsFor(loss, argumentNames)) {
    const global = new RegExp(words.source, 'g');
    for (let m = global.exec(label); m; m = global.exec(label)) {
      const end = m.index + m[0].length;
      if (!best || end > best.end) best = { end, role };
      if (m[0] === '') global.lastIndex++;
    }
  }
  return best?.role ?? 'unknown';
}

/** "KL(P||Q)", "D_KL(A ‖ B)": the names of the two distributions, the first the target; the expression itself is blanked. */
function argumentNames(lower: string, loss: string): { names: [Role, RegExp][]; rest: string } {
  const m = loss === 'kl-div' ? /\(\s*([a-z][a-z0-9_]*)\s*(?:\|\||‖|\|)\s*([a-z][a-z0-9_]*)\s*\)/.exec(lower) : null;
  if (!m) return { names: [], rest: lower };
  const word = (name: string): RegExp => new RegExp(`(?<![a-z0-9_])${name}(?![a-z0-9_])`);
  return { names: [['yTrue', word(m[1]!)], ['yPred', word(m[2]!)]], rest: blank(lower, m.index, m.index + m[0].length) };
}

const numbersIn = (text: string): number[] => (text.match(new RegExp(NUM, 'g')) ?? []).map(Number);

/** Brackets (nested for rows), parentheses of numbers, tables, and runs of numbers in prose. */
function findGroups(text: string): { groups: Omit<Group, 'role'>[]; rest: string } {
  const groups: Omit<Group, 'role'>[] = [];
  let rest = text;
  const take = (regex: RegExp, parse: (m: RegExpExecArray) => number[] | number[][] | undefined): void => {
    regex.lastIndex = 0;
    for (let m = regex.exec(rest); m; m = regex.exec(rest)) {
      const values = parse(m);
      if (values && values.length > 0) {
        groups.push({ start: m.index, end: m.index + m[0].length, values });
        rest = blank(rest, m.index, m.index + m[0].length);
      }
    }
  };
  take(/\[\s*\[[^\]]*\](?:\s*,\s*\[[^\]]*\])*\s*\]/g, (m) => [...m[0].matchAll(/\[([^\[\]]*)\]/g)].map((row) => numbersIn(row[1]!)));
  take(/\[([^\[\]]*)\]/g, (m) => numbersIn(m[1]!));
  take(/[(（]\s*((?:-?\d*\.?\d+\s*[,，、]\s*)+-?\d*\.?\d+)\s*[)）]/g, (m) => numbersIn(m[1]!));
  // "and" ends a list ("1, 2 and 3") but joins none to a list that goes on ("1,2,3 and 1,2,4" is two).
  take(/-?\d*\.?\d+(?:\s*(?:,|，|、)\s*-?\d*\.?\d+|\s*(?:and|&|和|与|與|及)\s*-?\d*\.?\d+(?!\d|\s*[,，、]\s*-?\.?\d))*/g, (m) => numbersIn(m[0]));
  return { groups: groups.sort((a, b) => a.start - b.start), rest };
}

/** A block of lines that hold only numbers, read by the header line's column names. */
function readTable(text: string, loss: string): { groups: Group[]; rest: string } | undefined {
  const lines = text.split('\n');
  const numeric = (line: string): boolean => /^[\s\d.,|\-\t]+$/.test(line) && numbersIn(line).length >= 2;
  const first = lines.findIndex(numeric);
  if (first < 1) return undefined;
  const rows = lines.slice(first).filter(numeric).map(numbersIn);
  const header = lines[first - 1]!.toLowerCase();
  const columns = header.split(/\s*[|,\t]\s*|\s+/).filter((part) => part !== '').map((part) => roleOf(part, loss)).filter((r) => r !== 'unknown');
  if (rows.length < 2 && columns.length < 2) return undefined;
  const roles: Role[] = columns.length >= 2 ? columns : ['yTrue', 'yPred'];
  const groups = roles.slice(0, rows[0]!.length).map((role, c) => ({ start: c, end: c, role, values: rows.map((row) => row[c]!) }));
  return { groups, rest: lines.slice(0, first - 1).join('\n') };
}

interface ClassWord { said: number; base?: 0 | 1; why: 'said-index' | 'ordinal' | undefined }
const ordinals: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };

function findClass(text: string): { word?: ClassWord; rest: string } {
  const patterns: [RegExp, (m: RegExpExecArray) => ClassWord][] = [
    [/(?:the )?(?:true |correct |target )?(?:class|label)(?: is)?(?: the)? (first|second|third|fourth|fifth)(?: one| class)?|(?:the )?(first|second|third|fourth|fifth) (?:one|class)/, (m) => ({ said: ordinals[(m[1] ?? m[2])!]!, base: 1, why: 'ordinal' })],
    [/第([一二三四五])(?:个|個|類|类)?/, (m) => ({ said: ordinals[m[1]!]!, base: 1, why: 'ordinal' })],
    [/(?:class|label)?\s*index(?: is)?\s*(\d+)/, (m) => ({ said: Number(m[1]), base: 0, why: 'said-index' })],
    [/(?:class|label)(?: is| =| of| were| was)?(?: class)?\s*(\d+)(?!\.\d)/, (m) => ({ said: Number(m[1]), why: undefined })],
    [/(?:類別|类别|類|类)(?:是|為|为|=)?\s*(\d+)/, (m) => ({ said: Number(m[1]), why: undefined })],
  ];
  for (const [regex, read] of patterns) {
    const m = regex.exec(text);
    if (m) return { word: read(m), rest: blank(text, m.index, m.index + m[0].length) };
  }
  return { rest: text };
}

function resolveClass(word: ClassWord, classes: number): Interpretation & { kind: 'class-index' } {
  if (word.base === 1) return { kind: 'class-index', said: word.said, index: word.said - 1, base: 1, why: 'ordinal' };
  if (word.base === 0) return { kind: 'class-index', said: word.said, index: word.said, base: 0, why: 'said-index' };
  return word.said < classes
    ? { kind: 'class-index', said: word.said, index: word.said, base: 0, why: 'in-range' }
    : { kind: 'class-index', said: word.said, index: word.said - 1, base: 1, why: 'out-of-range-for-0' };
}

/** "0.7*MSE + 0.3*MAE", "70% MSE and 30% MAE", "MSE + 0.1 * MAE": the weights of named losses, and where each weight was written. */
function readTerms(lower: string, spans: ReturnType<typeof findLossSpans>): { terms: CombinedTerm[]; written: [number, number][] } | undefined {
  // A loss named twice ("pinball loss … the quantile loss") is one loss, not a sum of itself.
  if (new Set(spans.map((span) => span.id)).size < 2 || !/\+|plus|加| and /.test(lower)) return undefined;
  const terms: CombinedTerm[] = [];
  const written: [number, number][] = [];
  for (const span of spans) {
    const from = Math.max(0, span.start - 12);
    const m = /(\d*\.?\d+)\s*(%)?\s*[*×x·]?\s*$/.exec(lower.slice(from, span.start));
    terms.push({ weight: m ? Number(m[1]) / (m[2] ? 100 : 1) : 1, loss: span.id });
    if (m) written.push([from + m.index, span.start]);
  }
  return written.length > 0 || /\+/.test(lower) ? { terms, written } : undefined;
}

function readReduction(lower: string): { reduction?: 'sum' | 'mean'; rest: string } {
  const m = /reduction\s*(?:=|:)?\s*['"]?(sum|mean)['"]?|(?:the )?(sum) instead of the mean|總和|总和/.exec(lower);
  if (!m) return { rest: lower };
  return { reduction: m[1] === 'mean' ? 'mean' : 'sum', rest: blank(lower, m.index, m.index + m[0].length) };
}

const inUnit = (values: number[]): boolean => values.every((v) => v >= 0 && v <= 1);
const flat = (values: number[] | number[][] | undefined): number[] => (values ? (values as number[][]).flat() : []);

/** One of the learner's numbers stands for a binary label: "a positive example got 0.7". */
function impliedLabel(lower: string): number[] | undefined {
  if (/positive (?:example|point|sample|class)|正例/.test(lower)) return [1];
  if (/negative (?:example|point|sample|class)|負例|负例/.test(lower)) return [0];
  return undefined;
}

function assign(groups: Group[], lower: string): Map<Role, Group> {
  const byRole = new Map<Role, Group>();
  const unknown: Group[] = [];
  for (const group of groups) {
    if (group.role !== 'unknown' && !byRole.has(group.role)) byRole.set(group.role, group);
    else unknown.push(group);
  }
  const order: Role[] = /predictions? first/.test(lower) ? ['yPred', 'yTrue'] : /second list is the target/.test(lower) ? ['yPred', 'yTrue'] : ['yTrue', 'yPred'];
  for (const group of unknown) {
    const free = order.find((role) => !byRole.has(role));
    if (free) byRole.set(free, { ...group, role: free });
  }
  return byRole;
}

const values = (byRole: Map<Role, Group>, role: Role): number[] | number[][] | undefined => byRole.get(role)?.values;

function binaryCase(loss: string, byRole: Map<Role, Group>, lower: string, interpretations: Interpretation[]): LossCase | MissingInput {
  const yPred = flat(values(byRole, 'yPred'));
  const yTrue = values(byRole, 'yTrue') ? flat(values(byRole, 'yTrue')) : impliedLabel(lower);
  if (yPred.length === 0) return 'predictions';
  if (!yTrue) return 'targets';
  const params: Record<string, ParamValue> = {};
  let id = loss;
  if (loss === 'bce' || loss === 'bce-logits' || loss === 'focal') {
    // Values said to be probabilities stay probabilities, so one outside [0, 1] is refused, not reread.
    const logits = loss === 'bce-logits' || (saysLogits(lower) && !saysProbabilities(lower)) || (!inUnit(yPred) && !saysProbabilities(lower));
    if (logits) interpretations.push({ kind: 'logits', values: yPred, why: inUnit(yPred) ? 'said' : 'outside-0-1', through: 'sigmoid' });
    else interpretations.push({ kind: 'probabilities', values: yPred });
    if (loss === 'bce' && logits) id = 'bce-logits';
    if (loss === 'focal' && !logits) params['fromLogits'] = false;
  }
  return { loss: id, inputs: { yTrue, yPred }, ...(Object.keys(params).length > 0 ? { params } : {}) };
}

function classCase(loss: string, byRole: Map<Role, Group>, classWord: ClassWord | undefined, lower: string, interpretations: Interpretation[]): LossCase | MissingInput {
  // With the class said in words, a lone list is the scores.
  const lone = !byRole.has('yPred') && classWord !== undefined;
  const scores = values(byRole, lone ? 'yTrue' : 'yPred');
  if (!scores) return 'predictions';
  const rows = (Array.isArray(scores[0]) ? scores : [scores]) as number[][];
  const targets = lone ? undefined : values(byRole, 'yTrue');
  const classes = rows[0]!.length;
  // A list of weights, one per class, is PyTorch's `weight` argument: the class weights.
  const weights = flat(values(byRole, 'weights'));
  const weighted = weights.length === classes && takesParam(loss, 'classWeights');
  if (loss === 'cross-entropy' && !weighted) {
    if (rows.length === 1 && classes === 1 && !targets && inUnit(rows[0]!) && !saysLogits(lower)) return trueClassProbability(rows[0]![0]!, interpretations);
    if (probabilityRows(rows, lower)) {
      interpretations.push({ kind: 'probabilities', values: rows.flat() });
      const built = classTargets(loss, rows, targets, classWord, interpretations);
      return typeof built === 'string' ? built : onProbabilities(built, classes);
    }
    interpretations.push({ kind: 'logits', values: rows.flat(), why: saysLogits(lower) ? 'said' : rows.every(inUnit) ? 'not-probabilities' : 'outside-0-1', through: 'softmax' });
  }
  const built = classTargets(loss, rows, targets, classWord, interpretations);
  if (typeof built === 'string' || !weighted) return built;
  return { ...built, params: { ...(built.params ?? {}), classWeights: weights } };
}

const saysLogits = (lower: string): boolean => /logit|raw score|outputs?|未歸一化|未归一化/.test(lower);
const saysProbabilities = (lower: string): boolean => /prob|機率|概率/.test(lower);
const sumsToOne = (row: number[]): boolean => Math.abs(row.reduce((sum, v) => sum + v, 0) - 1) < 1e-9;

/** Scores over classes are probabilities when said to be (or when they sum to 1), unless said to be logits. */
function probabilityRows(rows: number[][], lower: string): boolean {
  if (saysLogits(lower) || !rows.every(inUnit)) return false;
  return saysProbabilities(lower) || /(?<![a-z])p\s*[=:]/.test(lower) || rows.every(sumsToOne);
}

/** Cross-entropy on probabilities is the categorical form: −Σ y log p with one-hot targets, no softmax. */
function onProbabilities(built: LossCase, classes: number): LossCase {
  const targets = built.inputs.yTrue as number[] | number[][];
  const oneHot = targets.map((t) => (Array.isArray(t) ? t : Array.from({ length: classes }, (_, j) => (j === t ? 1 : 0))));
  return { loss: 'categorical-cross-entropy', inputs: { yTrue: oneHot, yPred: built.inputs.yPred! } };
}

/** "the true class has probability 0.1": cross-entropy is −log p of that class alone, binary cross-entropy with target 1. */
function trueClassProbability(probability: number, interpretations: Interpretation[]): LossCase {
  interpretations.push({ kind: 'true-class-probability', probability });
  return { loss: 'bce', inputs: { yTrue: [1], yPred: [probability] } };
}

function classTargets(loss: string, rows: number[][], targets: number[] | number[][] | undefined, classWord: ClassWord | undefined, interpretations: Interpretation[]): LossCase | MissingInput {
  const classes = rows[0]!.length;
  if (targets && Array.isArray(targets[0])) return { loss, inputs: { yTrue: targets, yPred: rows } };
  if (targets && (targets as number[]).length === classes && rows.length === 1 && (targets as number[]).every((v) => v === 0 || v === 1) && (targets as number[]).filter((v) => v === 1).length === 1 && loss === 'cross-entropy') {
    return { loss, inputs: { yTrue: [targets as number[]], yPred: rows } };
  }
  if (targets && (targets as number[]).length === rows.length) return { loss, inputs: { yTrue: targets as number[], yPred: rows } };
  if (!classWord) return 'true-class';
  const reading = resolveClass(classWord, classes);
  interpretations.push(reading);
  return { loss, inputs: { yTrue: [reading.index], yPred: rows } };
}

function oneHotCase(loss: string, byRole: Map<Role, Group>, classWord: ClassWord | undefined, interpretations: Interpretation[]): LossCase | MissingInput {
  const scores = values(byRole, 'yPred');
  if (!scores) return 'predictions';
  const rows = (Array.isArray(scores[0]) ? scores : [scores]) as number[][];
  const targets = values(byRole, 'yTrue');
  if (targets) return { loss, inputs: { yTrue: Array.isArray(targets[0]) ? targets : [targets as number[]], yPred: rows } };
  if (!classWord || !oneHotLosses.has(loss)) return loss === 'kl-div' ? 'targets' : 'true-class';
  const reading = resolveClass(classWord, rows[0]!.length);
  interpretations.push(reading);
  return { loss, inputs: { yTrue: [rows[0]!.map((_, j) => (j === reading.index ? 1 : 0))], yPred: rows } };
}

function embeddingCase(loss: string, byRole: Map<Role, Group>, groups: Group[], lower: string): LossCase | MissingInput {
  const rowsOf = (v: number[] | number[][] | undefined): number[][] | undefined => (v ? ((Array.isArray(v[0]) ? v : [v]) as number[][]) : undefined);
  if (loss === 'triplet') {
    const [anchor, positive, negative] = (['anchor', 'positive', 'negative'] as Role[]).map((role) => rowsOf(values(byRole, role)));
    const ordered = groups.map((g) => rowsOf(g.values)!);
    const [a, p, n] = anchor && positive && negative ? [anchor, positive, negative] : ordered;
    if (!a || !p || !n) return 'embeddings';
    return { loss, inputs: { anchor: a, positive: p, negative: n } };
  }
  const plain = groups.filter((g) => g.role !== 'y');
  const yGroup = groups.find((g) => g.role === 'y');
  let y = yGroup ? flat(yGroup.values) : undefined;
  if (!y && /dissimilar|不相似|not similar/.test(lower)) y = [-1];
  else if (!y && /similar|相似|rank higher|first should/.test(lower)) y = [1];
  if (loss === 'margin-ranking') {
    let [x1, x2] = [flat(values(byRole, 'x1')), flat(values(byRole, 'x2'))];
    if (x1.length === 0 && /pairs?/.test(lower)) [x1, x2] = [plain.map((g) => flat(g.values)[0]!), plain.map((g) => flat(g.values)[1]!)];
    else if (x1.length === 0 && plain.length === 1 && flat(plain[0]!.values).length === 2) [x1, x2] = [[flat(plain[0]!.values)[0]!], [flat(plain[0]!.values)[1]!]];
    else if (x1.length === 0 && plain.length >= 2) [x1, x2] = [flat(plain[0]!.values), flat(plain[1]!.values)];
    if (x1.length === 0) return 'embeddings';
    if (!y) return 'pair-labels';
    return { loss, inputs: { x1, x2, y } };
  }
  const x1 = rowsOf(values(byRole, 'x1')) ?? rowsOf(plain[0]?.values);
  const x2 = rowsOf(values(byRole, 'x2')) ?? rowsOf(plain[1]?.values);
  if (!x1 || !x2) return 'embeddings';
  if (!y) return 'pair-labels';
  return { loss, inputs: { x1, x2, y } };
}

function buildCase(loss: string, groups: Group[], classWord: ClassWord | undefined, lower: string, interpretations: Interpretation[]): LossCase | MissingInput {
  const byRole = assign(groups, lower);
  if (['triplet', 'cosine-embedding', 'margin-ranking'].includes(loss)) return embeddingCase(loss, byRole, groups, lower);
  if (rowLosses.has(loss)) return classCase(loss, byRole, classWord, lower, interpretations);
  if (distributionLosses.has(loss)) return oneHotCase(loss, byRole, classWord, interpretations);
  if (binaryLosses.has(loss)) return binaryCase(loss, byRole, lower, interpretations);
  const yTrue = flat(values(byRole, 'yTrue'));
  const yPred = flat(values(byRole, 'yPred'));
  if (yTrue.length === 0 && yPred.length === 0) return 'numbers';
  if (yPred.length === 0) return 'predictions';
  if (yTrue.length === 0) return 'targets';
  const lossCase: LossCase = { loss, inputs: { yTrue, yPred } };
  const weights = values(byRole, 'weights');
  if (weights) lossCase.inputs.weights = flat(weights);
  if (loss === 'gaussian-nll') {
    const variance = flat(values(byRole, 'var'));
    if (variance.length === 0) return 'variance';
    lossCase.inputs.var = variance.length === 1 && yTrue.length > 1 && /both|each|all|都/.test(lower) ? yTrue.map(() => variance[0]!) : variance;
  }
  interpretations.push({ kind: 'order', yTrue, yPred, assumed: [...byRole.values()].every((g) => g.role === 'yTrue' || g.role === 'yPred') && groups.every((g) => g.role === 'unknown') });
  return lossCase;
}

/** "d(a,p)=0.5", "distance to the negative is 0.6": the triplet's distances, where the calculator takes its embeddings. */
const givesDistances = (lower: string): boolean => /(?<![a-z])d\s*\(\s*a(?:nchor)?\s*,\s*[pn]|distances?\b[^.?]*?\d/.test(lower);

/** Drops parameters the new loss does not take when a follow-up changes the loss. */
function switchLoss(previous: LossCase, loss: string): LossCase {
  if (previous.loss === loss) return previous;
  const fromProbabilities = previous.loss === 'bce' || (previous.loss === 'focal' && previous.params?.['fromLogits'] === false);
  const params: Record<string, ParamValue> = loss === 'focal' && fromProbabilities ? { fromLogits: false } : {};
  const { params: _dropped, terms: _terms, ...rest } = previous;
  const inputs = previous.loss === 'combined' ? previous.inputs : rest.inputs;
  return { ...rest, loss, inputs, ...(Object.keys(params).length > 0 ? { params } : {}) };
}

function withReduction(lossCase: LossCase, said: 'sum' | 'mean' | undefined, lower: string, interpretations: Interpretation[]): LossCase {
  if (said) {
    interpretations.push({ kind: 'reduction', reduction: said, why: 'said' });
    return { ...lossCase, reduction: said };
  }
  if (lossCase.loss === 'kl-div' && lossCase.reduction === undefined) {
    interpretations.push({ kind: 'reduction', reduction: 'batchmean', why: 'kl-divergence' });
    return { ...lossCase, reduction: 'batchmean' };
  }
  const reduction = lossCase.reduction ?? (lossCase.inputs.weights ? 'weighted mean' : 'mean');
  interpretations.push({ kind: 'reduction', reduction, why: lower === '' ? 'default' : 'default' });
  return lossCase;
}

function followUp(previous: LossCase, lower: string, loss: string, terms: CombinedTerm[] | undefined, groups: Group[], classWord: ClassWord | undefined, interpretations: Interpretation[]): LossCase | undefined {
  if (terms) return { loss: 'combined', inputs: previous.loss === 'combined' ? previous.inputs : { yTrue: previous.inputs.yTrue!, yPred: previous.inputs.yPred! }, terms };
  let lossCase = switchLoss(previous, loss);
  if (groups.length === 1 && /logit/.test(lower) && (lossCase.loss === 'bce' || lossCase.loss === 'bce-logits')) {
    const yPred = flat(groups[0]!.values);
    interpretations.push({ kind: 'logits', values: yPred, why: 'said', through: 'sigmoid' });
    lossCase = { ...lossCase, loss: 'bce-logits', inputs: { ...lossCase.inputs, yPred } };
  } else if (groups.length > 0) return undefined;
  if (classWord && rowLosses.has(lossCase.loss)) {
    const rows = lossCase.inputs.yPred as number[][];
    const reading = resolveClass(classWord, rows[0]!.length);
    interpretations.push(reading);
    lossCase = { ...lossCase, inputs: { ...lossCase.inputs, yTrue: [reading.index] } };
  }
  return lossCase;
}

/** The losses a request may end up computing: "bce" on logits is BCE with logits. */
const mayBecome: Record<string, string[]> = { bce: ['bce-logits'] };

/** The "y = 1" of a pair label reads as a list, for the losses whose inputs have a y. */
const pairLabels = (text: string, loss: string): string =>
  loss === 'cosine-embedding' || loss === 'margin-ranking' ? text.replace(/(?<![a-z])y\s*=\s*(-?1(?:\s*,\s*-?1)*)/g, (m, ones: string) => `y [${ones}]`.padEnd(m.length)) : text;

/** The lists of numbers in the cleaned text, each with the part the words before it give it. */
function readGroups(cleaned: string, words: string, loss: string, names: readonly [Role, RegExp][]): { groups: Group[]; table: boolean } {
  const table = readTable(cleaned, loss);
  if (table) return { groups: table.groups, table: true };
  const { groups: raw } = findGroups(pairLabels(cleaned, loss));
  // Labels come from the words as written ("x1"), where the numbers were found with name digits blanked.
  const labelled = pairLabels(words, loss);
  const labelOf = (i: number): string => labelled.slice(i === 0 ? 0 : raw[i - 1]!.end, raw[i]!.start).split(/[,;]\s*(?=[a-z\u4e00-\u9fff])/).pop()!;
  return { groups: raw.map((g, i) => ({ ...g, role: roleOf(labelOf(i), loss, names) })), table: false };
}

/** The case a learner's words describe, or the one question whose answer would complete it. */
export function readCalcRequest(text: string, options: CalcReadOptions): CalcReading {
  let lower = text.toLowerCase().replace(/[，]/g, ', ').replace(/[：]/g, ': ').replace(/[（]/g, '(').replace(/[）]/g, ')');
  const interpretations: Interpretation[] = [];
  // "quantile 0.9", "the 0.9 quantile" name pinball's parameter; the word is an alias of pinball only without a number beside it.
  const named = findLossSpans(lower);
  const besideNumber = (span: LossSpan): boolean => /^\s*(?:=|:|of|is)?\s*-?\d/.test(lower.slice(span.end)) || /\d(?:th)?\s*$/.test(lower.slice(0, span.start));
  const spans = named.filter((span) => !/^(?:quantile|tau)(?:[\s_-]*loss)?$/.test(lower.slice(span.start, span.end)) || !besideNumber(span));
  const byParameter = named.find((span) => !spans.includes(span))?.id;
  const combined = readTerms(lower, spans);
  for (const span of spans) lower = blank(lower, span.start, span.end);
  for (const [start, end] of combined?.written ?? []) lower = blank(lower, start, end);
  const terms = combined?.terms;
  const previous = options.previous?.case;
  const pendingLoss = options.pending?.loss;
  const current = previous?.loss ?? pendingLoss;
  // A parameter only one loss takes names that loss, when the case so far does not take it.
  const implied = byParameter && !(current && takesParam(current, 'quantile')) ? byParameter : undefined;
  const loss = spans.length > 0 ? spans[spans.length - 1]!.id : implied ?? current;
  if (!loss) return { kind: 'none' };
  if (loss === 'triplet' && givesDistances(lower)) return missing('distances-not-embeddings', { loss, inputs: {} }, options);
  const readFor = terms ? terms.map((t) => t.loss) : [loss, ...(mayBecome[loss] ?? [])];
  const { params, said, rest: afterParams, unread } = readParams(lower, readFor);
  const { reduction, rest: afterReduction } = readReduction(afterParams);
  // "label 1" names a class only for a loss over classes; for a binary loss it is the target 1.
  const overClasses = [loss, ...(terms ?? []).map((t) => t.loss)].some((id) => rowLosses.has(id) || distributionLosses.has(id));
  const { word: classWord, rest: afterClass } = overClasses ? findClass(afterReduction) : { rest: afterReduction };
  const { names, rest: afterNames } = argumentNames(afterClass, loss);
  const cleaned = afterNames.replace(/(?<=[a-z_])\d+/g, (d) => ' '.repeat(d.length)).replace(/\^\d+/g, (d) => ' '.repeat(d.length)).replace(/\(\s*y\s*=\s*-?1\s*\)/g, (m) => m.replace(/-?1/, (one) => ` [${one}]`.slice(0, one.length)));
  const { groups, table } = readGroups(cleaned, afterNames, loss, names);
  const settle = (lossCase: LossCase, leansOnPrevious: boolean): CalcReading => {
    const withParams = terms ? lossCase : Object.keys(params).length > 0 ? { ...lossCase, params: { ...(lossCase.params ?? {}), ...params } } : lossCase;
    const notTaken = unusedParam(withParams, said);
    if (notTaken) return missing('parameter-not-taken', withParams, options, notTaken);
    return { kind: 'case', lossCase: withReduction(withParams, reduction, lower, interpretations), interpretations, leansOnPrevious };
  };
  if (unread) return missing('parameter', { loss, inputs: knownInputs(groups, lower), ...(Object.keys(params).length > 0 ? { params } : {}) }, options, unread);
  const foreign = previous && spans.length === 0 && !implied ? foreignParam(lower, loss) : undefined;
  if (foreign) return missing('parameter-not-taken', previous!, options, foreign);
  if (previous && (groups.length === 0 || (groups.length === 1 && /logit/.test(lower) && !table))) {
    const changed = followUp(previous, lower, loss, terms, groups, classWord, interpretations);
    if (changed) return settle(changed, true);
  }
  if (options.pending && groups.length + (classWord ? 1 : 0) + Object.keys(params).length > 0 && spans.length === 0) {
    return fillPending(options, groups, classWord, params, lower, interpretations);
  }
  if (spans.length === 0 && groups.length === 0 && !options.pending) return { kind: 'none' };
  if (terms) {
    const single = buildCase(terms[0]!.loss, groups, classWord, lower, []);
    if (typeof single === 'string') return missing(single, { loss: 'combined', inputs: {}, terms }, options);
    return settle({ loss: 'combined', inputs: { yTrue: single.inputs.yTrue!, yPred: single.inputs.yPred! }, terms: withTermParams(terms, params) }, false);
  }
  const built = buildCase(loss, groups, classWord, lower, interpretations);
  if (typeof built === 'string') return missing(built, { loss, inputs: knownInputs(groups, lower), ...(Object.keys(params).length > 0 ? { params } : {}) }, options);
  return settle(built, false);
}

/** A follow-up that sets only a parameter the case's loss does not take ("now with delta 2" after MSE), in the learner's words. */
function foreignParam(lower: string, loss: string): NamedParam | undefined {
  const { params, said, rest } = readParams(lower, losses.map((l) => l.id));
  const name = Object.keys(params).find((n) => !takesParam(loss, n));
  if (!name || findGroups(rest).groups.length > 0) return undefined;
  return namedParam(name, said[name]!);
}

/** Each term of a combined loss takes the parameters its own loss takes ("0.5*huber + 0.5*mse with delta 2"). */
function withTermParams(terms: CombinedTerm[], params: Record<string, ParamValue>): CombinedTerm[] {
  return terms.map((term) => {
    const own = Object.fromEntries(Object.entries(params).filter(([name]) => takesParam(term.loss, name)));
    return Object.keys(own).length > 0 ? { ...term, params: { ...(term.params ?? {}), ...own } } : term;
  });
}

/** A parameter the learner gave that the case's loss (or no term of it) takes, in the learner's words. */
function unusedParam(lossCase: LossCase, said: Record<string, string>): NamedParam | undefined {
  const holders = lossCase.terms ? lossCase.terms.map((t) => t.loss) : [lossCase.loss];
  const name = Object.keys(said).find((n) => !holders.some((loss) => takesParam(loss, n)));
  return name ? namedParam(name, said[name]!) : undefined;
}

/** The numbers read so far, by the part they play, kept with a pending question. */
function knownInputs(groups: Group[], lower: string): LossCase['inputs'] {
  const inputs: Record<string, unknown> = {};
  for (const [role, group] of assign(groups, lower)) if (role !== 'unknown') inputs[role] = group.values;
  return inputs as LossCase['inputs'];
}

function missing(what: MissingInput, partial: LossCase, options: CalcReadOptions, param?: NamedParam): CalcReading {
  const pending: PendingCalcQuestion = { loss: partial.loss, partial, missing: what, ...(param ? { param } : {}) };
  return { kind: 'missing', question: missingQuestion(what, partial.loss, options.lang, param), pending };
}

/** The value of the parameter a pending question asked for, from the next turn's numbers. */
function pendingParam(pending: PendingCalcQuestion, groups: Group[]): Record<string, ParamValue> {
  if (pending.missing !== 'parameter' || !pending.param || groups.length === 0) return {};
  const numbers = flat(groups[0]!.values);
  return { [pending.param.name]: pending.param.type === 'numbers' ? numbers : numbers[0]! };
}

/** The next turn answers the pending question: its numbers join the case asked about. */
function fillPending(options: CalcReadOptions, groups: Group[], classWord: ClassWord | undefined, said: Record<string, ParamValue>, lower: string, interpretations: Interpretation[]): CalcReading {
  const pending = options.pending!;
  const known = Object.entries(pending.partial.inputs).map(([role, v], i) => ({ start: -1 - i, end: -1 - i, role: role as Role, values: v as number[] }));
  const answered = { ...pendingParam(pending, groups), ...said };
  const bare = (groups.length === 1 && pending.missing === 'true-class') || Object.keys(answered).length > 0 ? undefined : groups;
  const word = classWord ?? (pending.missing === 'true-class' && groups.length === 1 ? { said: flat(groups[0]!.values)[0]!, why: undefined } : undefined);
  const roleFor: Partial<Record<MissingInput, Role>> = { targets: 'yTrue', predictions: 'yPred', variance: 'var' };
  const filled = (bare ?? []).map((g) => (g.role === 'unknown' && roleFor[pending.missing] ? { ...g, role: roleFor[pending.missing]! } : g));
  const built = buildCase(pending.loss, [...known, ...filled], word, lower, interpretations);
  if (typeof built === 'string') return missing(built, pending.partial, options);
  const params = { ...(built.params ?? {}), ...(pending.partial.params ?? {}), ...answered };
  const lossCase = Object.keys(params).length > 0 ? { ...built, params } : built;
  return { kind: 'case', lossCase: withReduction(lossCase, undefined, lower, interpretations), interpretations, leansOnPrevious: true };
}
