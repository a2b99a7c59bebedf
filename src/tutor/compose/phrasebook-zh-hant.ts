/** The Traditional Chinese phrasebook, also the source of Simplified Chinese answers (converted as they are composed). */
import type { Phrasebook, Phrases } from './phrasebook';

const phrases: Phrases = {
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
  workedExample: '計算範例',
  exampleFromNote: (item) => `數字取自筆記 #${item}。`,
  exampleIllustrative: '這些數字只是示意：沒有筆記給出這個損失的例子。',
  computation: '計算',
  sources: '出處',
  nextStep: '下一步',
  relatedItem: '接著讀：',
  quizOffer: '自我測驗：請說「考我第{n}條」。',
  seeAlso: '另見：',
  notesInEnglish: '這一項目還沒有中文筆記，以下引用英文原文。',
  notCovered: '筆記沒有談到這一點：沒有相符的項目。請換個說法，或問某一條編號的項目。',
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

export const zhHant: Phrasebook = {
  phrases,
  replies: {
    greeting: (items, range) =>
      `你好！我可以解說損失函數、用計算器算範例，也可以出題考你。知識庫有 ${items} 條（編號 ${range}）。例如：「解釋第35條」、「計算 MSE：目標值 [1, 2, 3]，預測值 [1, 2, 4]」。`,
    help: (items, range) =>
      [
        `你可以這樣問（知識庫共 ${items} 條，編號 ${range}）：`,
        '- 指定項目：「第35條」、「#35」、「第35個」',
        '- 一次問好幾題：「1. …？ 2. …？」',
        '- 計算：「Huber，delta 為 1，目標值 [1, 2, 3]，預測值 [1.5, 2, 5]」',
        '- 追問：「換成 delta 2」、「給我一個範例」、「它和交叉熵比較如何？」',
        '- 測驗：「考我第12條」',
      ].join('\n'),
    thanks: '不客氣！還有想弄懂的損失函數，或想做個測驗，隨時問我。',
    farewell: '再見！下次可以從「考我」開始複習。',
    acknowledgement: '好的。想再看哪一種損失、算個例子，或來個測驗？',
    outOfScope: (items) => `這超出了我能回答的範圍：我只根據筆記談機器學習的損失函數（共 ${items} 條）。可以問「什麼是 Huber 損失？」或「考我」。`,
  },
  clarify: {
  itemOutOfRange: ({ n, first, last }) =>
    `這個知識庫沒有第${n}條：項目編號從 ${first} 到 ${last}。你指的是哪一條？可以說「第${first}條」或「#${first}」，或用 "loss-tutor items" 查看清單。`,
  underspecifiedChoice: () =>
    '沒有一種損失函數對所有問題都最好：要看你要擬合什麼。你的任務是什麼：迴歸（有沒有離群值？）、分類（類別不平衡嗎？需要校準的機率嗎？）、排序或嵌入，還是分割？例如：「有離群值的迴歸該用哪個損失？」或「類別不平衡的分類該用哪個損失？」。',
  dangling: ({ word }) =>
    `「${word}」指的是什麼？我們還沒談到任何項目。請說出損失函數或項目編號，例如「Huber 損失如何運作？」或「解釋第9條」。`,
  noNumbers: ({ loss }) =>
    `要用哪些數字計算 ${loss}？請給出等長的兩組數字：目標值與預測值，例如「目標值 [1, 2, 3]，預測值 [1.5, 2, 2.5]」。`,
  oneList: () =>
    '我只找到一組數字。哪些是目標值、哪些是預測值？請兩組都給，例如「目標值 [1, 0, 1]，預測值 [0.9, 0.2, 0.7]」。',
  noLoss: () =>
    '要計算哪一種損失？請指名，例如「MSE」、「delta 為 1 的 Huber」或「二元交叉熵」。',
  ambiguousLoss: ({ said, candidates }) =>
    `「${said}」可能指好幾種損失：${candidates.map((c) => `${c.name} (${c.id})`).join('；')}。你指的是哪一種？`,
  lengthMismatch: ({ targets, predictions }) =>
    `目標值有 ${targets} 個，預測值卻有 ${predictions} 個。每個目標值都需要一個對應的預測值：哪些數字少了或多了？`,
  refused: ({ loss, reason }) =>
    `計算器無法用這些數字計算 ${loss}：${reason} 請檢查數字（或改用其他損失）好嗎？`,
  noExample: ({ title }) =>
    `「${title ?? '計算範例'}」這則筆記沒有範例。要用哪一種損失、哪些數字？例如「MSE，目標值 [1, 2, 3]，預測值 [1, 2, 4]」。`,
  nothingToRerun: () =>
    '之前沒有可以修改的計算。要用哪一種損失、哪些數字？',
  noQuiz: () =>
    '這一條沒有測驗題。要考哪一條？例如「考我第6條」。',
  asked: ({ text }) => text,
  },
  quiz: {
    quiz: '測驗',
    reply: '請回答（或說「跳過」）。',
    right: '答對了。',
    wrong: '不完全對。',
    partly: '部分正確：還少了一部分。',
    model: '參考答案：',
    missingIdeas: '參考答案有、你的回答還沒提到的重點：',
    nextStep: '下一步',
    retry: (item, sections) => `${sections.length > 0 ? `重讀上面第${item}條的「${sections.join('」、「')}」，再說` : '說'}「考我第${item}條」重新作答。`,
    moveOn: '或說「下一題」繼續；下次你說「考我」時我會再問這一題。',
    again: '說「考我」可以再來一題。',
    aboutClaim: (title) => `用你自己的話說：筆記裡關於「${title}」說了什麼？`,
  },
  pytorchMeanDefault: (value) => `PyTorch 預設的 reduction='mean' 會除以所有元素（列數 × 類別數），會印出 ${value}。`,
};
