import { losses } from '../../core/registry';
import type { CalcLang, MissingInput, NamedParam } from './reading';

type FixedQuestion = Exclude<MissingInput, 'parameter' | 'parameter-not-taken'>;

const en: Record<FixedQuestion, string> = {
  loss: 'Which loss should I compute?',
  numbers: 'Which numbers should I use: what are the targets (the true values) and what did the model predict?',
  targets: 'What are the true values (the targets or labels) to compare the predictions with?',
  predictions: 'What did the model predict for these?',
  'true-class': 'Which class is the true one? Say it as "class 2" (counting from 0) or "the second class".',
  variance: 'What variance (σ²) did the model predict for each value?',
  embeddings: 'Which vectors should I use? Give each one in brackets, e.g. anchor [0, 0], positive [1, 0], negative [0, 2].',
  'pair-labels': 'Should each pair be similar (y = 1) or dissimilar (y = -1)?',
  'distances-not-embeddings': 'The calculator computes the triplet loss from the embeddings, not from the distances d(a, p) and d(a, n): give the anchor, positive and negative vectors in brackets and I will compute it. From the distances alone the loss is max(0, d(a, p) − d(a, n) + margin).',
};
const hant: Record<FixedQuestion, string> = {
  loss: '要計算哪一個損失？',
  numbers: '要用哪些數字：真實值是多少，模型預測了多少？',
  targets: '真實值（目標或標籤）是多少？',
  predictions: '模型預測的值是多少？',
  'true-class': '哪一個類別是正確的？可以說「類別 2」（從 0 開始數）或「第二類」。',
  variance: '模型為每個值預測的方差（σ²）是多少？',
  embeddings: '要用哪些向量？請用方括號寫出，例如 anchor [0, 0]、positive [1, 0]、negative [0, 2]。',
  'pair-labels': '每一對應該相似（y = 1）還是不相似（y = -1）？',
  'distances-not-embeddings': '計算器從嵌入向量計算 triplet loss，而不是從距離 d(a, p) 和 d(a, n)：請用方括號寫出 anchor、positive、negative 向量，我就會計算。只有距離時，損失是 max(0, d(a, p) − d(a, n) + margin)。',
};
const hans: Record<FixedQuestion, string> = {
  loss: '要计算哪一个损失？',
  numbers: '要用哪些数字：真实值是多少，模型预测了多少？',
  targets: '真实值（目标或标签）是多少？',
  predictions: '模型预测的值是多少？',
  'true-class': '哪一个类别是正确的？可以说“类别 2”（从 0 开始数）或“第二类”。',
  variance: '模型为每个值预测的方差（σ²）是多少？',
  embeddings: '要用哪些向量？请用方括号写出，例如 anchor [0, 0]、positive [1, 0]、negative [0, 2]。',
  'pair-labels': '每一对应该相似（y = 1）还是不相似（y = -1）？',
  'distances-not-embeddings': '计算器从嵌入向量计算 triplet loss，而不是从距离 d(a, p) 和 d(a, n)：请用方括号写出 anchor、positive、negative 向量，我就会计算。只有距离时，损失是 max(0, d(a, p) − d(a, n) + margin)。',
};

/**
 * A parameter the learner named is never dropped: without its value, or for a loss that does not
 * take it, the tutor asks and computes nothing.
 */
function paramQuestion(what: 'parameter' | 'parameter-not-taken', param: NamedParam, loss: string, lang: CalcLang): string {
  const said = param.said;
  const name = losses.find((l) => l.id === loss)?.name ?? loss;
  if (what === 'parameter') {
    if (lang === 'en') return `What value should ${said} have? I see the name but cannot read its value, so I have not computed anything yet.`;
    return lang === 'zh-Hant' ? `${said} 的值是多少？我看到了這個名稱，但讀不出它的值，所以還沒有計算。` : `${said} 的值是多少？我看到了这个名称，但读不出它的值，所以还没有计算。`;
  }
  const holders = losses.filter((l) => l.params.some((spec) => spec.name === param.name)).map((l) => l.name).join(', ');
  if (lang === 'en') return `The ${name} takes no ${said} (it is a parameter of ${holders}), so I have not computed it: should I leave ${said} out, or compute one of those instead?`;
  return lang === 'zh-Hant'
    ? `${name} 沒有 ${said} 這個參數（${holders} 才有），所以還沒有計算：要去掉 ${said}，還是改用其中一個損失？`
    : `${name} 没有 ${said} 这个参数（${holders} 才有），所以还没有计算：要去掉 ${said}，还是改用其中一个损失？`;
}

/** One question, in the learner's words, for what the request lacks; never a field name. */
export function missingQuestion(what: MissingInput, loss: string, lang: CalcLang, param?: NamedParam): string {
  const fixed = lang === 'en' ? en : lang === 'zh-Hant' ? hant : hans;
  if (what === 'parameter' || what === 'parameter-not-taken') return param ? paramQuestion(what, param, loss, lang) : fixed.numbers;
  return fixed[what];
}
