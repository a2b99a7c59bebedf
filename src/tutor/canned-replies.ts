/** What the tutor says to a greeting or a request for help: how to ask, in the learner's language. */
import type { KnowledgeBase } from '../kb/item';
import type { Lang } from './language';

function range(kb: KnowledgeBase): string {
  const numbers = kb.items.map((item) => item.number);
  return numbers.length === 0 ? '' : `${Math.min(...numbers)}–${Math.max(...numbers)}`;
}

export function greetingText(lang: Lang, kb: KnowledgeBase): string {
  return lang === 'zh-Hant'
    ? `你好！我可以解說損失函數、用計算器算範例，也可以出題考你。知識庫有 ${kb.items.length} 條（編號 ${range(kb)}）。例如：「解釋第35條」、「計算 MSE：目標值 [1, 2, 3]，預測值 [1, 2, 4]」。`
    : `Hello! I explain loss functions from the notes, work examples with the calculator, and quiz you. The knowledge base has ${kb.items.length} items (${range(kb)}). Try "Explain item 35" or "MSE for targets [1, 2, 3] and predictions [1, 2, 4]".`;
}

export function helpText(lang: Lang, kb: KnowledgeBase): string {
  if (lang === 'zh-Hant') {
    return [
      `你可以這樣問（知識庫共 ${kb.items.length} 條，編號 ${range(kb)}）：`,
      '- 指定項目：「第35條」、「#35」、「第35個」',
      '- 一次問好幾題：「1. …？ 2. …？」',
      '- 計算：「Huber，delta 為 1，目標值 [1, 2, 3]，預測值 [1.5, 2, 5]」',
      '- 追問：「換成 delta 2」、「給我一個範例」、「它和交叉熵比較如何？」',
      '- 測驗：「考我第12條」',
    ].join('\n');
  }
  return [
    `You can ask (the knowledge base has ${kb.items.length} items, ${range(kb)}):`,
    '- about an item: "item #35", "the 35th item", or quote its claim',
    '- several questions at once: "1. ...? 2. ...?"',
    '- for a computation: "Huber with delta 1 for targets [1, 2, 3] and predictions [1.5, 2, 5]"',
    '- follow-ups: "now with delta 2", "show me a worked example", "how does it compare with cross-entropy?"',
    '- for a quiz: "quiz me on item 12"',
  ].join('\n');
}
