/**
 * The number-honesty check: every number an answer shows is a number of one of its calculations,
 * of the learner's question, or of the notes it cites (their text and their numbers). An answer
 * that shows any other number fails, whatever part of the answer it is in.
 */
import type { Item } from '../../src/kb/item';
import type { AnswerBody } from '../../src/tutor/answer';
import { formatNumber, numbersInText } from '../../src/tutor/number-format';
import { listedNumbers } from './worked-example-numbers';

const withoutFormulas = (markdown: string): string => markdown.replace(/\$\$[\s\S]*?\$\$/g, ' ').replace(/\$[^$\n]*\$/g, ' ');

/** Item numbers ("#19", "item 6") name notes of the base; part headings ("## 2.") count the parts. */
function withoutReferences(text: string, itemsByNumber: ReadonlyMap<number, Item>): string {
  return text
    .replace(/(#|\bitems? |\bfacts? |項目 ?|条目 ?|第 ?)(\d+)(\.\d+)?/g, (m, _p: string, n: string) => (itemsByNumber.has(Number(n)) ? ' ' : m))
    .replace(/^#{1,3} \d+\. /gm, ' ');
}

function noteNumbers(item: Item, into: Set<string>): void {
  into.add(String(item.number));
  for (const related of item.related) into.add(String(related));
  for (const n of numbersInText(JSON.stringify(item))) {
    into.add(n);
    into.add(formatNumber(Number(n)));
  }
}

/** The numbers an answer shows that no calculation, question or cited note holds. */
export function unexplainedNumbers(answer: AnswerBody, question: string, itemsByNumber: ReadonlyMap<number, Item>): string[] {
  const allowed = listedNumbers(answer.calculations);
  // How many items the notes hold is a fact about the notes (the welcome says it).
  allowed.add(String(itemsByNumber.size));
  for (const n of numbersInText(question)) {
    allowed.add(n);
    allowed.add(formatNumber(Number(n)));
  }
  for (const citation of answer.citations) {
    const item = itemsByNumber.get(citation.item);
    if (item) noteNumbers(item, allowed);
    allowed.add(String(citation.item));
  }
  return numbersInText(withoutReferences(withoutFormulas(answer.text), itemsByNumber)).filter((n) => !allowed.has(n));
}
