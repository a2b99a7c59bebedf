import { losses } from '../../core/registry';

export interface LossSpan {
  id: string;
  start: number;
  end: number;
}

/** Names learners use that the registry's aliases lack, Chinese names among them. */
const extraNames: Record<string, string[]> = {
  mse: ['均方误差', '均方誤差', 'squared error'],
  mae: ['平均绝对误差', '平均絕對誤差', 'l1 loss'],
  rmse: ['均方根误差', '均方根誤差', 'rmse'],
  'smooth-l1': ['平滑 l1', '平滑l1', 'smoothl1loss', 'smooth l1'],
  'log-cosh': ['log cosh', 'logcosh'],
  msle: ['均方对数误差', '均方對數誤差', 'msle'],
  mape: ['平均绝对百分比误差', '平均絕對百分比誤差', 'mape'],
  pinball: ['分位数损失', '分位數損失', 'quantile regression loss'],
  'poisson-nll': ['泊松负对数似然', '泊松負對數似然', '泊松损失', '泊松損失', 'poisson negative log likelihood'],
  'gaussian-nll': ['高斯 nll', '高斯nll', '高斯负对数似然', '高斯負對數似然', 'gaussiannllloss'],
  bce: ['二元交叉熵', 'bce'],
  'cross-entropy': ['交叉熵', 'ce loss'],
  'categorical-cross-entropy': ['分类交叉熵', '分類交叉熵', '类别交叉熵', '類別交叉熵'],
  nll: ['负对数似然', '負對數似然', 'nll 损失'],
  'kl-div': ['kl 散度', 'kl散度', '相对熵', '相對熵'],
  hinge: ['合页损失', '合頁損失', 'hinge 损失', 'svm hinge'],
  'squared-hinge': ['平方合页损失', '平方合頁損失', '平方 hinge'],
  'categorical-hinge': ['类别合页损失', '類別合頁損失'],
  'multi-margin': ['多类别间隔损失', '多類別間隔損失', 'multi-class margin'],
  focal: ['焦点损失', '焦點損失'],
  triplet: ['三元组损失', '三元組損失'],
  'cosine-embedding': ['余弦嵌入损失', '餘弦嵌入損失'],
  'margin-ranking': ['间隔排序损失', '間隔排序損失'],
};

const pattern = (name: string): string =>
  name.toLowerCase().split(/[\s_\-]+/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s_\\-]*');

const names: { id: string; regex: RegExp }[] = [];
for (const info of losses) {
  if (info.id === 'combined') continue;
  for (const name of new Set([info.id, info.name, ...info.aliases, ...(extraNames[info.id] ?? [])])) {
    names.push({ id: info.id, regex: new RegExp(`(?<![a-z0-9])${pattern(name)}(?![a-z0-9])`, 'g') });
  }
}

/** Every loss named in the text, longest name first where names overlap, in order of position. */
export function findLossSpans(lower: string): LossSpan[] {
  const found: LossSpan[] = [];
  for (const { id, regex } of names) {
    regex.lastIndex = 0;
    for (let m = regex.exec(lower); m; m = regex.exec(lower)) found.push({ id, start: m.index, end: m.index + m[0].length });
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: LossSpan[] = [];
  for (const span of found) if (!kept.some((k) => span.start < k.end && k.start < span.end)) kept.push(span);
  return kept.sort((a, b) => a.start - b.start);
}
