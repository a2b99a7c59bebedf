/**
 * The number-honesty check, the one both the number-honesty tests and the engine contract suite
 * use: every number an answer shows is a number of one of its calculations, of the learner's
 * question, or of the notes it cites (their text, their numbers and their sources). An answer
 * that shows any other number fails, whatever part of the answer it is in.
 */
import type { Item, KnowledgeBase } from '../../src/kb/item';
import type { AnswerBody } from '../../src/tutor/answer';
import { formatNumber, numbersInText } from '../../src/tutor/number-format';
import { listedNumbers } from './worked-example-numbers';

type Notes = Pick<KnowledgeBase, 'byNumber'>;

const withoutFormulas = (markdown: string): string => markdown.replace(/\$\$[\s\S]*?\$\$/g, ' ').replace(/\$[^$\n]*\$/g, ' ');

/** Item numbers ("#19", "item 6") name notes of the base; part headings ("## 2.") count the parts. */
function withoutReferences(text: string, notes: Notes): string {
  return text
    .replace(/(#|\bitems? |\bfacts? |項目 ?|条目 ?|第 ?)(\d+)(\.\d+)?/g, (m, _p: string, n: string) => (notes.byNumber.has(Number(n)) ? ' ' : m))
    .replace(/^#{1,3} \d+\. /gm, ' ');
}

/** A clarification's quoted example of what to type ("targets [1, 2, 3] and …") shows how to ask, not a value. */
const withoutQuotedExamples = (text: string): string => text.replace(/"[^"\n]*"|“[^”\n]*”|「[^」\n]*」/gu, ' ');

function addNumber(n: string, into: Set<string>): void {
  into.add(n);
  into.add(formatNumber(Number(n)));
}

function noteNumbers(item: Item, into: Set<string>): void {
  into.add(String(item.number));
  for (const related of item.related) into.add(String(related));
  for (const n of numbersInText(JSON.stringify(item))) addNumber(n, into);
}

/** Facts about the notes themselves: how many items there are and the first and last number (the welcome and "item 999" say them). */
function baseNumbers(notes: Notes, into: Set<string>): void {
  const numbers = [...notes.byNumber.keys()];
  for (const n of [notes.byNumber.size, Math.min(...numbers), Math.max(...numbers)]) into.add(String(n));
}

/** The numbers an answer shows that no calculation, question or cited note holds; "#N" naming no item counts as one. */
export function unexplainedNumbers(answer: AnswerBody, question: string, notes: Notes): string[] {
  const allowed = listedNumbers(answer.calculations);
  baseNumbers(notes, allowed);
  for (const n of numbersInText(question)) addNumber(n, allowed);
  for (const citation of answer.citations) {
    const item = notes.byNumber.get(citation.item);
    if (item) noteNumbers(item, allowed);
    allowed.add(String(citation.item));
    for (const n of numbersInText(citation.source)) addNumber(n, allowed);
  }
  const danglingReferences = [...answer.text.matchAll(/#(\d+)/g)].filter((m) => !notes.byNumber.has(Number(m[1]))).map((m) => m[0]);
  const shown = withoutReferences(withoutFormulas(answer.clarify ? withoutQuotedExamples(answer.text) : answer.text), notes).replace(/#\d+/g, ' ');
  const unexplained = numbersInText(shown).filter((n) => !allowed.has(n) && !allowed.has(String(Math.abs(Number(n)))));
  return [...danglingReferences, ...unexplained];
}
