import { formatNumber } from '../../core/number-format';
import type { CalcLang, Interpretation } from './reading';

const list = (values: number[]): string => values.map(formatNumber).join(', ');
const logitsWhy = {
  said: 'as you said',
  'outside-0-1': 'a value outside [0, 1] cannot be a probability',
  'not-probabilities': 'cross-entropy takes logits; say "probabilities" if they are',
} as const;

function english(i: Interpretation): string {
  switch (i.kind) {
    case 'probabilities': return `Read ${list(i.values)} as probabilities.`;
    case 'logits': return `Read ${list(i.values)} as logits (${logitsWhy[i.why]}); ${i.through === 'sigmoid' ? 'sigmoid turns each into a probability' : 'softmax turns them into probabilities'}.`;
    case 'true-class-probability': return `Only the true class's probability enters cross-entropy, so the loss is −log ${formatNumber(i.probability)}: computed as binary cross-entropy with target 1, the same formula with y = 1.`;
    case 'replaced-prediction': return `Changed the prediction from ${formatNumber(i.from)} to ${formatNumber(i.to)}; the rest is the last calculation's.`;
    case 'class-index': return `Read class ${i.said} as index ${i.index} (${i.base === 0 ? 'counting from 0, as PyTorch does' : 'counting from 1'}).`;
    case 'order': return `Read ${list(i.yTrue)} as the targets and ${list(i.yPred)} as the predictions.`;
    case 'reduction':
      if (i.reduction === 'batchmean') return "Reduction: batchmean (the KL divergence summed over classes, averaged over rows); PyTorch's default reduction='mean' would also divide by the number of classes.";
      if (i.reduction === 'weighted mean') return 'Reduction: weighted mean, the sum of weight × loss divided by the total weight.';
      return `Reduction: ${i.reduction}${i.why === 'said' ? ', as you asked' : ''}.`;
  }
}

function chinese(i: Interpretation, hant: boolean): string {
  const t = (traditional: string, simplified: string): string => (hant ? traditional : simplified);
  switch (i.kind) {
    case 'probabilities': return t(`把 ${list(i.values)} 讀作機率。`, `把 ${list(i.values)} 读作概率。`);
    case 'logits': return i.through === 'sigmoid'
      ? t(`把 ${list(i.values)} 讀作 logits，用 sigmoid 轉成機率。`, `把 ${list(i.values)} 读作 logits，用 sigmoid 转成概率。`)
      : t(`把 ${list(i.values)} 讀作 logits，用 softmax 轉成機率（若是機率請說明）。`, `把 ${list(i.values)} 读作 logits，用 softmax 转成概率（若是概率请说明）。`);
    case 'true-class-probability': return t(`交叉熵只看真實類別的機率，所以損失是 −log ${formatNumber(i.probability)}：以目標 1 的二元交叉熵計算，是同一個公式取 y = 1。`, `交叉熵只看真实类别的概率，所以损失是 −log ${formatNumber(i.probability)}：以目标 1 的二元交叉熵计算，是同一个公式取 y = 1。`);
    case 'replaced-prediction': return t(`把預測值從 ${formatNumber(i.from)} 改成 ${formatNumber(i.to)}，其餘沿用上一次的計算。`, `把预测值从 ${formatNumber(i.from)} 改成 ${formatNumber(i.to)}，其余沿用上一次的计算。`);
    case 'class-index': return t(`把類別 ${i.said} 讀作索引 ${i.index}（${i.base === 0 ? '從 0 開始數' : '從 1 開始數'}）。`, `把类别 ${i.said} 读作索引 ${i.index}（${i.base === 0 ? '从 0 开始数' : '从 1 开始数'}）。`);
    case 'order': return t(`把 ${list(i.yTrue)} 讀作真實值，${list(i.yPred)} 讀作預測值。`, `把 ${list(i.yTrue)} 读作真实值，${list(i.yPred)} 读作预测值。`);
    case 'reduction':
      if (i.reduction === 'batchmean') return t("歸約：batchmean（按類別求和、按列平均）；PyTorch 預設的 reduction='mean' 還會再除以類別數。", "归约：batchmean（按类别求和、按行平均）；PyTorch 默认的 reduction='mean' 还会再除以类别数。");
      if (i.reduction === 'weighted mean') return t('歸約：加權平均，權重 × 損失之和除以總權重。', '归约：加权平均，权重 × 损失之和除以总权重。');
      return t(`歸約：${i.reduction}。`, `归约：${i.reduction}。`);
  }
}

/** How the learner's numbers were read, one sentence per assumption, in the learner's language. */
export function describeReading(interpretations: readonly Interpretation[], lang: CalcLang): string[] {
  return interpretations.map((i) => (lang === 'en' ? english(i) : chinese(i, lang === 'zh-Hant')));
}
