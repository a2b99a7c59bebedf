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
  ['cost function', 'objective function', 'error function', 'loss function', 'criterion', '損失函數', '损失函数', '代價函數', '目標函數'],
  ['huber', 'huber loss', 'smooth l1', '胡伯'],
  ['iou', 'jaccard', 'intersection over union'],
  ['dice', 'f1 loss', 'sorensen'],
  ['quantile loss', 'pinball', 'quantile regression'],
  ['hinge', 'svm loss', 'margin loss', '合頁損失'],
  ['focal loss', 'focal', '焦點損失'],
  ['gradient', 'derivative', 'slope', '梯度', '導數'],
  ['weight', 'weighting', 'weighted', '權重', '加權'],
  ['class imbalance', 'imbalanced data', 'unbalanced classes', 'rare class', '不平衡'],
  ['regularization', 'regularisation', 'penalty', 'weight decay', '正則化', '正规化'],
  ['label smoothing', '標籤平滑'],
  ['overfitting', 'overfit', '過擬合', '過度擬合'],
  ['nll', 'negative log likelihood', 'log likelihood', '負對數似然'],
  ['outlier', 'outliers', 'robust', '離群值', '異常值'],
  ['learning rate', 'step size', '學習率'],
  ['perplexity', 'ppl', '困惑度'],
  ['calibration', 'calibrated', 'proper scoring rule', '校準'],
  ['quality', 'accuracy', '品質', '質量'],
  ['quantity', 'volume', 'amount', '數量'],
];

/** Each group as term sequences, and an index from each first term to the phrases it may start. */
const phrases = groups.map((group) => group.map(terms).filter((sequence) => sequence.length > 0));
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

/** Query terms with every synonym phrase replaced by an OR group of its whole group. */
export function expandSynonyms(queryTerms: string[]): QueryPart[] {
  const parts: QueryPart[] = [];
  for (let i = 0; i < queryTerms.length; ) {
    const match = (byFirstTerm.get(queryTerms[i]!) ?? [])
      .filter(({ sequence }) => sequence.every((term, k) => queryTerms[i + k] === term))
      .sort((a, b) => b.sequence.length - a.sequence.length)[0];
    if (match) {
      parts.push({ combineWith: 'OR', queries: phrases[match.group]!.map(phraseQuery) });
      i += match.sequence.length;
    } else {
      parts.push(queryTerms[i]!);
      i += 1;
    }
  }
  return parts;
}
