/**
 * Questions back to the learner when the tutor cannot answer without guessing: each names what
 * is missing and shows how to ask.
 */
import { writingLang, type Lang, type WritingLang } from './language';

type Message = Record<WritingLang, string>;
const pick = (lang: Lang, message: Message): string => message[writingLang(lang)];

export const clarifications = {
  itemOutOfRange: (lang: Lang, n: number, first: number, last: number): string =>
    pick(lang, {
      en: `There is no item ${n} in this knowledge base: items run from ${first} to ${last}. Which item did you mean? You can name one with "item ${first}" or "#${first}", or run "loss-tutor items" to see the list.`,
      'zh-Hant': `這個知識庫沒有第${n}條：項目編號從 ${first} 到 ${last}。你指的是哪一條？可以說「第${first}條」或「#${first}」，或用 "loss-tutor items" 查看清單。`,
    }),
  underspecifiedChoice: (lang: Lang): string =>
    pick(lang, {
      en: 'No loss is best for every problem: it depends on what you are fitting. What is the task: regression (and are there outliers?), classification (are the classes imbalanced? do you need calibrated probabilities?), ranking or embeddings, or segmentation? For example: "which loss for regression with outliers?" or "which loss for imbalanced classification?".',
      'zh-Hant': '沒有一種損失函數對所有問題都最好：要看你要擬合什麼。你的任務是什麼：迴歸（有沒有離群值？）、分類（類別不平衡嗎？需要校準的機率嗎？）、排序或嵌入，還是分割？例如：「有離群值的迴歸該用哪個損失？」或「類別不平衡的分類該用哪個損失？」。',
    }),
  dangling: (lang: Lang, word: string): string =>
    pick(lang, {
      en: `What does "${word}" refer to? We have not talked about an item yet. Name a loss or an item, for example "How does Huber loss work?" or "Explain item 9".`,
      'zh-Hant': `「${word}」指的是什麼？我們還沒談到任何項目。請說出損失函數或項目編號，例如「Huber 損失如何運作？」或「解釋第9條」。`,
    }),
  noNumbers: (lang: Lang, loss: string): string =>
    pick(lang, {
      en: `Which numbers should I use for ${loss}? Give the targets and the predictions as two lists of the same length, for example "targets [1, 2, 3] and predictions [1.5, 2, 2.5]".`,
      'zh-Hant': `要用哪些數字計算 ${loss}？請給出等長的兩組數字：目標值與預測值，例如「目標值 [1, 2, 3]，預測值 [1.5, 2, 2.5]」。`,
    }),
  oneList: (lang: Lang): string =>
    pick(lang, {
      en: 'I found only one list of numbers. Which are the targets and which the predictions? Give both, for example "y_true = [1, 0, 1] and y_pred = [0.9, 0.2, 0.7]".',
      'zh-Hant': '我只找到一組數字。哪些是目標值、哪些是預測值？請兩組都給，例如「目標值 [1, 0, 1]，預測值 [0.9, 0.2, 0.7]」。',
    }),
  noLoss: (lang: Lang): string =>
    pick(lang, {
      en: 'Which loss should I compute? Name one, for example "MSE", "Huber with delta 1" or "binary cross-entropy".',
      'zh-Hant': '要計算哪一種損失？請指名，例如「MSE」、「delta 為 1 的 Huber」或「二元交叉熵」。',
    }),
  ambiguousLoss: (lang: Lang, said: string, candidates: string[]): string =>
    pick(lang, {
      en: `"${said}" can mean several losses: ${candidates.join('; ')}. Which one do you mean?`,
      'zh-Hant': `「${said}」可能指好幾種損失：${candidates.join('；')}。你指的是哪一種？`,
    }),
  lengthMismatch: (lang: Lang, targets: number, predictions: number): string =>
    pick(lang, {
      en: `The targets have ${targets} numbers but the predictions have ${predictions}. Each target needs exactly one prediction: which numbers are missing or extra?`,
      'zh-Hant': `目標值有 ${targets} 個，預測值卻有 ${predictions} 個。每個目標值都需要一個對應的預測值：哪些數字少了或多了？`,
    }),
  refused: (lang: Lang, loss: string, reason: string): string =>
    pick(lang, {
      en: `The calculator cannot compute ${loss} for these numbers: ${reason} Could you check the numbers (or name another loss)?`,
      'zh-Hant': `計算器無法用這些數字計算 ${loss}：${reason} 請檢查數字（或改用其他損失）好嗎？`,
    }),
  noExample: (lang: Lang, title: string): string =>
    pick(lang, {
      en: `The note "${title}" has no worked example. Which loss and which numbers should I use? For example "MSE for targets [1, 2, 3] and predictions [1, 2, 4]".`,
      'zh-Hant': `「${title}」這則筆記沒有範例。要用哪一種損失、哪些數字？例如「MSE，目標值 [1, 2, 3]，預測值 [1, 2, 4]」。`,
    }),
  nothingToRerun: (lang: Lang): string =>
    pick(lang, {
      en: 'There is no earlier calculation to change. Which loss and which numbers should I use?',
      'zh-Hant': '之前沒有可以修改的計算。要用哪一種損失、哪些數字？',
    }),
  noQuiz: (lang: Lang): string =>
    pick(lang, {
      en: 'That item has no quiz questions. Which item should I quiz you on? For example "quiz me on item 6".',
      'zh-Hant': '這一條沒有測驗題。要考哪一條？例如「考我第6條」。',
    }),
};
