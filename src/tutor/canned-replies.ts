/** What the tutor says to a greeting or a request for help: how to ask, in the learner's language. */
import type { KnowledgeBase } from '../kb/item';
import { writingLang, type Lang } from './language';

function range(kb: KnowledgeBase): string {
  const numbers = kb.items.map((item) => item.number);
  return numbers.length === 0 ? '' : `${Math.min(...numbers)}–${Math.max(...numbers)}`;
}

export function greetingText(lang: Lang, kb: KnowledgeBase): string {
  return writingLang(lang) === 'zh-Hant'
    ? `你好！我可以解說損失函數、用計算器算範例，也可以出題考你。知識庫有 ${kb.items.length} 條（編號 ${range(kb)}）。例如：「解釋第35條」、「計算 MSE：目標值 [1, 2, 3]，預測值 [1, 2, 4]」。`
    : `Hello! I explain loss functions from the notes, work examples with the calculator, and quiz you. The knowledge base has ${kb.items.length} items (${range(kb)}). Try "Explain item 35" or "MSE for targets [1, 2, 3] and predictions [1, 2, 4]".`;
}

export function helpText(lang: Lang, kb: KnowledgeBase): string {
  if (writingLang(lang) === 'zh-Hant') {
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

/** Thanks, goodbyes and "ok": a short reply that leaves the door open, citing nothing. */
export function smallTalkText(lang: Lang, act: 'thanks' | 'farewell' | 'acknowledgement'): string {
  const zh = writingLang(lang) === 'zh-Hant';
  if (act === 'thanks') return zh ? '不客氣！還有想弄懂的損失函數，或想做個測驗，隨時問我。' : 'You are welcome! Ask about another loss, a worked example, or say "quiz me" whenever you like.';
  if (act === 'farewell') return zh ? '再見！下次可以從「考我」開始複習。' : 'Goodbye! Next time, "quiz me" is a good way to review.';
  return zh ? '好的。想再看哪一種損失、算個例子，或來個測驗？' : 'Good. Shall we look at another loss, work an example, or try a quiz?';
}

/** A question the notes are not about: said plainly, with what the tutor can do instead. */
export function outOfScopeText(lang: Lang, kb: KnowledgeBase): string {
  return writingLang(lang) === 'zh-Hant'
    ? `這超出了我能回答的範圍：我只根據筆記談機器學習的損失函數（共 ${kb.items.length} 條）。可以問「什麼是 Huber 損失？」或「考我」。`
    : `That is outside what I can answer: I only explain machine-learning loss functions from the notes (${kb.items.length} items). Try "What is Huber loss?" or "quiz me".`;
}
