import type { Item } from '../kb/item';
import type { HistoryTurn } from '../tutor/tutor-engine';
import type { ChatMessage } from './chat-completions';

const instructions = `You are loss-tutor, a tutor for machine-learning loss functions.
Answer only from the numbered knowledge base below and cite the items you use as [#N], with the
numbers shown. When the learner asks several questions, answer each under its own heading
"## 1. …", "## 2. …". Use the calculate_loss tool for every number in a worked example; never compute
a loss yourself. If the question is ambiguous or lacks numbers you need, ask back instead of guessing.
Answer in the learner's language.`;

function itemText(item: Item, lang: string): string {
  const text = lang.startsWith('zh') ? (item.translations['zh-Hant'] ?? item) : item;
  return `[#${item.number}] ${text.title}\nClaim: ${text.claim}\n${text.sections.map((s) => `${s.heading}: ${s.text}`).join('\n')}`;
}

/** The system prompt with the retrieved items, the conversation so far, and the learner's turn. */
export function buildMessages(items: Item[], history: HistoryTurn[], question: string, lang: string): ChatMessage[] {
  return [
    { role: 'system', content: `${instructions}\n\nKnowledge base:\n\n${items.map((item) => itemText(item, lang)).join('\n\n')}` },
    ...history.map((turn): ChatMessage => ({ role: turn.role, content: turn.text })),
    { role: 'user', content: question },
  ];
}
