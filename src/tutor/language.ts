/**
 * The language of a turn and the fixed phrases the tutor writes around the notes' own text.
 * A question with Han characters is answered in Chinese: Traditional, or Simplified when the
 * learner writes Simplified (the tutor writes Traditional, converted as the answer is composed).
 */
import { toSimplified, toTraditional } from './chinese-script';

/** BCP 47 tags, as the notes' translations are keyed. */
export type Lang = 'en' | 'zh-Hant' | 'zh-Hans';

/** The language the phrasebooks and the notes' translations are written in for a turn's language. */
export type WritingLang = 'en' | 'zh-Hant';

const han = /\p{Script=Han}/u;

export function detectLanguage(text: string): Lang {
  if (!han.test(text)) return 'en';
  // Simplified text changes when converted to Traditional; Traditional changes the other way.
  const simplifiedChars = countChanged(text, toTraditional(text));
  const traditionalChars = countChanged(text, toSimplified(text));
  return simplifiedChars > traditionalChars ? 'zh-Hans' : 'zh-Hant';
}

function countChanged(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  return left.filter((char, i) => char !== right[i]).length;
}

export const writingLang = (lang: Lang): WritingLang => (lang === 'en' ? 'en' : 'zh-Hant');

export interface Phrases {
  sections: Record<string, string>;
  claimIntro: string;
  workedExample: string;
  computation: string;
  sources: string;
  nextStep: string;
  relatedItem: string;
  quizOffer: string;
  seeAlso: string;
  notesInEnglish: string;
  notCovered: string;
  question: string;
  part: (n: number) => string;
  target: string;
  prediction: string;
  error: string;
  loss: string;
  term: string;
  weight: string;
  value: string;
  weighted: string;
  share: string;
  gradient: string;
  parameters: string;
  reductionLine: (kind: string, count: string, value: string) => string;
  gradientLine: (grad: string) => string;
  truncatedRows: (count: string) => string;
  assumedOrder: string;
  totalLine: (value: string) => string;
  raisedWeight: (label: string, from: string, to: string) => string;
  shareChange: (label: string, from: string, to: string) => string;
  gradientChange: (label: string, from: string, to: string) => string;
}

const en: Phrases = {
  sections: {
    definition: 'Definition',
    formula: 'Formula',
    intuition: 'Intuition',
    how: 'How it works',
    training: 'Effect on training',
    when: 'When to use',
    pitfalls: 'Pitfalls',
    example: 'Worked example',
    related: 'Related',
  },
  claimIntro: 'The note says:',
  workedExample: 'Worked example',
  computation: 'Computation',
  sources: 'Sources',
  nextStep: 'Next step',
  relatedItem: 'Read next:',
  quizOffer: 'Test yourself: say "quiz me on item {n}".',
  seeAlso: 'See also:',
  notesInEnglish: '',
  notCovered: 'The notes do not cover this directly; these are the closest items.',
  question: 'Question',
  part: (n) => `${n}.`,
  target: 'target',
  prediction: 'prediction',
  error: 'error',
  loss: 'loss',
  term: 'term',
  weight: 'weight',
  value: 'value',
  weighted: 'weighted',
  share: 'share',
  gradient: 'gradient',
  parameters: 'Parameters',
  reductionLine: (kind, count, value) => `Reduction (${kind}) over ${count} rows: **L = ${value}**`,
  gradientLine: (grad) => `Gradient of L with respect to the predictions: ${grad}`,
  truncatedRows: (count) => `(the first ${count} rows are shown)`,
  assumedOrder: 'No list was labelled, so I took the first as the targets and the second as the predictions.',
  totalLine: (value) => `Total: **L = ${value}** (the sum of the weighted values)`,
  raisedWeight: (label, from, to) => `What raising a weight does: the same case with the weight of ${label} raised from ${from} to ${to}.`,
  shareChange: (label, from, to) => `The share of ${label} in the loss goes from ${from} to ${to}.`,
  gradientChange: (label, from, to) =>
    `Every gradient of the ${label} term is multiplied by its weight, so its gradient goes from ${from} to ${to}: each training step now spends more of its update on ${label}.`,
};

const zhHant: Phrases = {
  sections: {
    definition: '定義',
    formula: '公式',
    intuition: '直覺',
    how: '運作方式',
    training: '對訓練的影響',
    when: '何時使用',
    pitfalls: '常見陷阱',
    example: '範例',
    related: '相關項目',
  },
  claimIntro: '筆記寫道：',
  workedExample: '計算範例',
  computation: '計算',
  sources: '出處',
  nextStep: '下一步',
  relatedItem: '接著讀：',
  quizOffer: '自我測驗：請說「考我第{n}條」。',
  seeAlso: '另見：',
  notesInEnglish: '這一項目還沒有中文筆記，以下引用英文原文。',
  notCovered: '筆記沒有直接談到這一點；以下是最接近的項目。',
  question: '問題',
  part: (n) => `${n}.`,
  target: '目標值',
  prediction: '預測值',
  error: '誤差',
  loss: '損失',
  term: '項',
  weight: '權重',
  value: '數值',
  weighted: '加權值',
  share: '占比',
  gradient: '梯度',
  parameters: '參數',
  reductionLine: (kind, count, value) => `約簡方式（${kind}），共 ${count} 列：**L = ${value}**`,
  gradientLine: (grad) => `L 對預測值的梯度：${grad}`,
  truncatedRows: (count) => `（只列出前 ${count} 列）`,
  assumedOrder: '兩組數字都沒有標明，所以我把第一組當作目標值、第二組當作預測值。',
  totalLine: (value) => `總和：**L = ${value}**（各項加權值相加）`,
  raisedWeight: (label, from, to) => `提高權重會怎樣：同一個例子，把「${label}」的權重從 ${from} 提高到 ${to}。`,
  shareChange: (label, from, to) => `「${label}」在損失中的占比從 ${from} 變成 ${to}。`,
  gradientChange: (label, from, to) =>
    `「${label}」項的每個梯度都乘上它的權重，所以梯度從 ${from} 變成 ${to}：每一步訓練會把更多的更新用在「${label}」上。`,
};

export const phrasesFor = (lang: Lang): Phrases => (writingLang(lang) === 'zh-Hant' ? zhHant : en);
