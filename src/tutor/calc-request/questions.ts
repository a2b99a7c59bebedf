import type { CalcLang, MissingInput } from './reading';

const en: Record<MissingInput, string> = {
  loss: 'Which loss should I compute?',
  numbers: 'Which numbers should I use: what are the targets (the true values) and what did the model predict?',
  targets: 'What are the true values (the targets or labels) to compare the predictions with?',
  predictions: 'What did the model predict for these?',
  'true-class': 'Which class is the true one? Say it as "class 2" (counting from 0) or "the second class".',
  variance: 'What variance (σ²) did the model predict for each value?',
  embeddings: 'Which vectors should I use? Give each one in brackets, e.g. anchor [0, 0], positive [1, 0], negative [0, 2].',
  'pair-labels': 'Should each pair be similar (y = 1) or dissimilar (y = -1)?',
};
const hant: Record<MissingInput, string> = {
  loss: '要計算哪一個損失？',
  numbers: '要用哪些數字：真實值是多少，模型預測了多少？',
  targets: '真實值（目標或標籤）是多少？',
  predictions: '模型預測的值是多少？',
  'true-class': '哪一個類別是正確的？可以說「類別 2」（從 0 開始數）或「第二類」。',
  variance: '模型為每個值預測的方差（σ²）是多少？',
  embeddings: '要用哪些向量？請用方括號寫出，例如 anchor [0, 0]、positive [1, 0]、negative [0, 2]。',
  'pair-labels': '每一對應該相似（y = 1）還是不相似（y = -1）？',
};
const hans: Record<MissingInput, string> = {
  loss: '要计算哪一个损失？',
  numbers: '要用哪些数字：真实值是多少，模型预测了多少？',
  targets: '真实值（目标或标签）是多少？',
  predictions: '模型预测的值是多少？',
  'true-class': '哪一个类别是正确的？可以说“类别 2”（从 0 开始数）或“第二类”。',
  variance: '模型为每个值预测的方差（σ²）是多少？',
  embeddings: '要用哪些向量？请用方括号写出，例如 anchor [0, 0]、positive [1, 0]、negative [0, 2]。',
  'pair-labels': '每一对应该相似（y = 1）还是不相似（y = -1）？',
};

/** One question, in the learner's words, for what the request lacks; never a field name. */
export function missingQuestion(what: MissingInput, _loss: string, lang: CalcLang): string {
  return (lang === 'en' ? en : lang === 'zh-Hant' ? hant : hans)[what];
}
