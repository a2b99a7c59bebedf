import { terms } from './tokenizer';

/**
 * Names that mean the same thing to a learner. A query mentioning one of them also searches for
 * the others, as an OR group in place of the phrase, so an extra synonym never empties a query.
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

export type QueryPart = string | { combineWith: 'AND' | 'OR'; queries: QueryPart[] };

const phraseQuery = (sequence: string[]): QueryPart => (sequence.length === 1 ? sequence[0]! : { combineWith: 'AND', queries: sequence });

/**
 * Query terms with every synonym phrase replaced by an OR group of its whole group. The terms the
 * learner did not write are returned too, so the search can weigh them below the written ones.
 */
export function expandSynonyms(queryTerms: string[]): { parts: QueryPart[]; added: Set<string> } {
  const written = new Set(queryTerms);
  const added = new Set<string>();
  const parts: QueryPart[] = [];
  for (let i = 0; i < queryTerms.length; ) {
    const match = (byFirstTerm.get(queryTerms[i]!) ?? [])
      .filter(({ sequence }) => sequence.every((term, k) => queryTerms[i + k] === term))
      .sort((a, b) => b.sequence.length - a.sequence.length)[0];
    if (match) {
      const group = phrases[match.group]!;
      for (const term of group.flat()) if (!written.has(term)) added.add(term);
      parts.push({ combineWith: 'OR', queries: group.map(phraseQuery) });
      i += match.sequence.length;
    } else {
      parts.push(queryTerms[i]!);
      i += 1;
    }
  }
  return { parts, added };
}
