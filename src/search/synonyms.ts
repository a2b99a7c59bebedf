import { terms } from './tokenizer';

/**
 * Names that mean the same thing to a learner. Each group has one index term that every mention
 * of any of its names adds, both to a note when it is indexed and to a query, so "log loss" finds
 * a note that only says "binary cross-entropy" with a single lookup rather than one per name.
 */
const groups: string[][] = [
  ['mse', 'mean squared error', 'mean square error', 'l2 loss', 'quadratic loss', 'squared error', '均方誤差', '均方误差'],
  ['mae', 'mean absolute error', 'l1 loss', 'absolute error', '平均絕對誤差'],
  ['rmse', 'root mean squared error', 'root mean square error', '均方根誤差'],
  ['bce', 'binary cross entropy', 'log loss', 'logistic loss', 'binary crossentropy', '二元交叉熵'],
  ['cross entropy', 'crossentropy', 'ce loss', 'softmax loss', 'softmax cross entropy', 'categorical cross entropy', '交叉熵'],
  ['kl divergence', 'kld', 'kullback leibler', 'relative entropy', 'kl div', 'kl散度', '相對熵'],
  ['cost function', 'objective function', 'error function', '代價函數', '目標函數'],
  ['loss function', '損失函數', '损失函数'],
  ['smooth l1', 'smooth l1 loss', 'smoothl1loss'],
  ['huber loss', '胡伯損失'],
  ['iou', 'jaccard', 'intersection over union'],
  ['dice', 'f1 loss', 'sorensen'],
  ['quantile loss', 'pinball', 'quantile regression'],
  ['hinge', 'svm loss', 'margin loss', '合頁損失'],
  ['focal loss', 'focal', '焦點損失'],
  ['gradient', 'derivative', 'slope', '梯度', '導數'],
  ['weighted loss', 'loss weighting', '加權損失'],
  ['weight', '權重'],
  ['class imbalance', 'imbalanced data', 'unbalanced classes', 'rare class', '不平衡'],
  ['regularization', 'regularisation', 'penalty', 'weight decay', '正則化', '正规化'],
  ['label smoothing', '標籤平滑'],
  ['overfitting', 'overfit', '過擬合', '過度擬合'],
  ['nll', 'negative log likelihood', 'log likelihood', '負對數似然'],
  ['outlier', '離群值', '異常值'],
  ['learning rate', 'step size', '學習率'],
  ['perplexity', 'ppl', '困惑度'],
  ['calibration', 'calibrated', 'proper scoring rule', '校準'],
  ['quality', '品質', '質量'],
  ['quantity', '數量'],
];

const distinct = (sequences: string[][]): string[][] => [...new Map(sequences.map((sequence) => [sequence.join(' '), sequence])).values()];

/** Each group as distinct term sequences, and an index from each first term to the phrases it may start. */
const phrases = groups.map((group) => distinct(group.map(terms).filter((sequence) => sequence.length > 0)));
const byFirstTerm = new Map<string, { group: number; sequence: string[] }[]>();
phrases.forEach((group, index) => {
  for (const sequence of group) {
    const list = byFirstTerm.get(sequence[0]!) ?? [];
    list.push({ group: index, sequence });
    byFirstTerm.set(sequence[0]!, list);
  }
});
// Longest first, so "binary cross entropy" is taken before "cross entropy".
for (const list of byFirstTerm.values()) list.sort((x, y) => y.sequence.length - x.sequence.length);

/**
 * A group's term. When the group's first name is one word, that word: a note that says it already
 * holds the term, and only its other names add it. Otherwise a mark no tokenizer output contains,
 * then the first name.
 */
const MARK = '¤';
const groupTerms = groups.map((group, index) => {
  const [first] = phrases[index]!;
  return first?.length === 1 ? first[0]! : `${MARK}${group[0]!.replace(/ /g, '_')}`;
});

/** The tokenizer follows a hyphenated word's parts with the word joined: the same mention, not another. */
function joinsPartsBefore(sequence: readonly string[], at: number): boolean {
  const joined = sequence[at];
  if (joined === undefined) return false;
  let parts = sequence[at - 1] ?? '';
  for (let k = at - 2; k >= 0 && parts.length < joined.length; k--) {
    parts = sequence[k] + parts;
    if (parts === joined) return true;
  }
  return false;
}

interface Mention {
  start: number;
  end: number;
  term: string;
}

/** Whether `phrase` stands in `sequence` from `at` on. */
function startsAt(sequence: readonly string[], at: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) if (sequence[at + k] !== phrase[k]) return false;
  return true;
}

/** The synonym phrases of a sequence of terms, left to right, each with its group's term. */
function mentions(sequence: readonly string[]): Mention[] {
  const found: Mention[] = [];
  for (let i = 0; i < sequence.length; ) {
    // Every indexed note passes through here, word by word: plain loops, no closures.
    const candidates = byFirstTerm.get(sequence[i]!);
    let match: { group: number; sequence: string[] } | undefined;
    if (candidates) for (const phrase of candidates) if (startsAt(sequence, i, phrase.sequence) && (match = phrase)) break;
    if (!match) {
      i += 1;
      continue;
    }
    let end = i + match.sequence.length;
    if (joinsPartsBefore(sequence, end)) end += 1;
    found.push({ start: i, end, term: groupTerms[match.group]! });
    i = end;
  }
  return found;
}

/**
 * A Chinese name in a longer Han run does not come out as its own terms in order: the tokenizer
 * gives the run's words, then its bigrams ("什麼是交叉熵損失" → 什麼, 交叉, 損失, …, 叉熵, …). Such a
 * name is there when all its terms are, wherever they stand in the run's terms.
 */
const hanPhrases = phrases.flatMap((group, index) =>
  group.filter((sequence) => sequence.length > 1 && sequence.every((term) => isHanTerm(term))).map((sequence) => ({ group: index, sequence })),
);

function isHanTerm(term: string): boolean {
  return term.charCodeAt(0) >= 0x2e80 && /^\p{Script=Han}/u.test(term);
}

/** The Chinese names whose terms all stand, scattered, in a query's terms (none when it has no Han terms). */
function scatteredHanNames(sequence: readonly string[]): { group: number; sequence: string[] }[] {
  if (!sequence.some(isHanTerm)) return [];
  const present = new Set(sequence);
  const found = hanPhrases.filter((phrase) => phrase.sequence.every((term) => present.has(term)));
  // 二元交叉熵 (BCE) holds 交叉熵 (cross entropy): the longer name is the one meant.
  const within = (inner: string[], outer: string[]): boolean => outer.length > inner.length && inner.every((term) => outer.includes(term));
  return found.filter((phrase) => !found.some((other) => within(phrase.sequence, other.sequence)));
}

/** The group terms of the synonym phrases in a note's terms, once per mention: what the note adds to its words. */
export function synonymTerms(sequence: readonly string[]): string[] {
  const added: string[] = [];
  for (const { start, end, term } of mentions(sequence)) if (end - start > 1 || sequence[start] !== term) added.push(term);
  return added;
}

/** A query's terms with each synonym phrase replaced by its group's term, so that it asks for any of the names. */
export function replaceSynonyms(sequence: readonly string[]): string[] {
  const out: string[] = [];
  let next = 0;
  for (const { start, end, term } of mentions(sequence)) {
    out.push(...sequence.slice(next, start));
    if (!out.includes(term)) out.push(term);
    next = end;
  }
  out.push(...sequence.slice(next));
  return withScatteredHanNames(out);
}

/**
 * The query asks for its scattered Chinese names by their group's term too. Their own terms stay:
 * a note is searched by them where its longer run was cut the same way, and only the query side
 * reads names across a run's terms (across a whole note, 不平 and 平衡 are far too often apart).
 */
function withScatteredHanNames(sequence: string[]): string[] {
  const out = [...sequence];
  for (const { group } of scatteredHanNames(sequence)) if (!out.includes(groupTerms[group]!)) out.push(groupTerms[group]!);
  return out;
}
