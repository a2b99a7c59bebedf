import { type StepRow } from '../../src/core';
import { citationChip, type Citation } from './citation-chips';
import { icon, iconButton } from './icons';
import { renderMarkdown } from './markdown';
import { drawGradeMarks, isOpenQuestion, isQuizTurn, quizAnswerBox } from './quiz-card';
import { reviewAnswerBox } from './review-card';
import { formatNumbersIn, numberSpan } from './readable-numbers';
import { focusableWideFormulas } from './scrollable-formulas';

export interface Calculation {
  loss: string;
  value: number | number[];
  steps?: { formula: { latex: string; words: string }; rows: StepRow[]; reduction: { expression: string } };
}

export interface AnswerFields {
  messageId: string;
  text: string;
  citations: Citation[];
  calculations: Calculation[];
  /** An open review card awaiting the reply. */
  review?: { card: string; item: number };
}

export interface MessageActions {
  openItem(item: number, passageId?: string): void;
  rate(messageId: string, rating: 'up' | 'down'): void;
  ask(text: string): void;
}

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

function cell(value: number | number[] | undefined): Node {
  if (value === undefined) return document.createTextNode('');
  if (typeof value === 'number') return numberSpan(value);
  const list = document.createDocumentFragment();
  list.append('[');
  value.forEach((v, i) => list.append(...(i > 0 ? [', '] : []), numberSpan(v)));
  list.append(']');
  return list;
}

/** A calculation's steps as a table: the learner sees every number the answer used, grouped for reading. */
function stepsTable(calculation: Calculation): HTMLElement {
  const figure = element('figure', 'steps');
  figure.append(element('figcaption', undefined, `${calculation.loss}: ${calculation.steps?.formula.words ?? ''}`));
  const scroller = element('div', 'table-scroll');
  const table = element('table');
  const head = table.createTHead().insertRow();
  for (const name of ['#', 'target', 'prediction', 'error', 'loss']) head.append(element('th', undefined, name));
  const body = table.createTBody();
  for (const row of calculation.steps?.rows ?? []) {
    const tr = body.insertRow();
    tr.insertCell().textContent = String(row.index + 1);
    for (const value of [row.target, row.prediction, row.error, row.loss]) tr.insertCell().append(cell(value));
  }
  scroller.append(table);
  const reduction = element('p', 'reduction', calculation.steps?.reduction.expression ?? '');
  formatNumbersIn(reduction);
  figure.append(scroller, reduction);
  return figure;
}

/** The rows the tutor's Markdown writes for a calculation: a table headed target, prediction, error, loss. */
const isStepsTable = (table: HTMLTableElement): boolean => /^\s*target\s*prediction/i.test(table.tHead?.textContent ?? '');

/**
 * Each worked example's steps shown once: the tutor's Markdown table of a calculation is replaced by
 * the calculator's own rows (numbers formatted, exact values on hover), in the place the text put it.
 */
function placeSteps(node: HTMLElement, calculations: Calculation[]): void {
  const tables = [...node.querySelectorAll('table')].filter(isStepsTable);
  const shown = calculations.filter((c) => c.steps && c.loss !== 'combined');
  shown.forEach((calculation, i) => {
    const table = tables[i];
    if (table) {
      table.replaceWith(stepsTable(calculation));
      return;
    }
    const sources = node.querySelector('hr');
    if (sources) sources.before(stepsTable(calculation));
    else node.append(stepsTable(calculation));
  });
}

/** The conversation: the learner's messages as text, the tutor's as sanitised Markdown. */
export class MessageView {
  private composing = new Map<string, HTMLElement>();
  /** Questions whose stream the learner stopped: their later frames are not drawn. */
  private stopped = new Set<string>();

  constructor(
    private readonly container: HTMLElement,
    private readonly actions: MessageActions,
  ) {}

  clear(): void {
    this.container.replaceChildren();
    this.composing.clear();
  }

  addQuestion(text: string): void {
    this.container.append(element('div', 'message user', text));
    this.scroll();
  }

  addDelta(replyTo: string, text: string): void {
    if (this.stopped.has(replyTo)) return;
    let node = this.composing.get(replyTo);
    if (!node) {
      node = element('div', 'message tutor composing');
      node.dataset['raw'] = '';
      this.composing.set(replyTo, node);
      this.container.append(node);
    }
    node.dataset['raw'] += text;
    node.innerHTML = renderMarkdown(node.dataset['raw'] ?? '');
    this.scroll();
  }

  /**
   * Stops drawing an answer. The protocol has no frame to cancel a turn, so the server still
   * finishes and keeps it: the note says so, and a reload shows the whole answer.
   */
  stop(replyTo: string): void {
    this.stopped.add(replyTo);
    const node = this.composing.get(replyTo) ?? element('div');
    this.composing.delete(replyTo);
    node.className = 'message tutor stopped';
    node.append(element('p', 'stopped-note', 'Stopped showing this answer. The tutor still finishes it on the server; reload to read it whole.'));
    if (!node.isConnected) this.container.append(node);
    this.scroll();
  }

  addAnswer(answer: AnswerFields, replyTo?: string): void {
    if (replyTo && this.stopped.delete(replyTo)) return;
    const node = (replyTo && this.composing.get(replyTo)) || element('div');
    if (replyTo) this.composing.delete(replyTo);
    node.className = isQuizTurn(answer.text) || answer.review ? 'message tutor quiz-card' : 'message tutor';
    node.dataset['messageId'] = answer.messageId;
    node.innerHTML = renderMarkdown(answer.text);
    placeSteps(node, answer.calculations);
    formatNumbersIn(node);
    drawGradeMarks(node);
    if (replyTo && isOpenQuestion(answer.text)) node.append(quizAnswerBox(this.actions.ask, answer.messageId));
    if (replyTo && answer.review) node.append(reviewAnswerBox(this.actions.ask, answer.messageId));
    if (answer.citations.length > 0) {
      const chips = element('div', 'chips');
      chips.setAttribute('aria-label', 'Sources');
      for (const citation of answer.citations) chips.append(citationChip(citation, this.actions.openItem));
      node.append(chips);
    }
    node.append(this.toolbar(answer));
    if (!node.isConnected) this.container.append(node);
    focusableWideFormulas(node);
    this.scroll();
  }

  acknowledge(messageId: string): void {
    const status = this.container.querySelector(`[data-message-id="${CSS.escape(messageId)}"] .feedback-status`);
    if (status) status.textContent = 'Thanks for the feedback.';
  }

  private toolbar(answer: AnswerFields): HTMLElement {
    const bar = element('div', 'feedback');
    for (const [rating, label] of [['up', 'Helpful'], ['down', 'Not helpful']] as const) {
      const button = iconButton(rating, label);
      button.addEventListener('click', () => this.actions.rate(answer.messageId, rating));
      bar.append(button);
    }
    const copy = iconButton('copy', 'Copy answer');
    copy.addEventListener('click', () => void this.copy(answer.text, bar));
    bar.append(copy, element('span', 'feedback-status'));
    bar.querySelector('.feedback-status')!.setAttribute('role', 'status');
    return bar;
  }

  private async copy(text: string, bar: HTMLElement): Promise<void> {
    const status = bar.querySelector('.feedback-status')!;
    try {
      await navigator.clipboard.writeText(text);
      status.replaceChildren(icon('check'), ' Copied.');
    } catch {
      status.textContent = 'The browser refused the clipboard: select the text and copy it.';
    }
  }

  private scroll(): void {
    this.container.lastElementChild?.scrollIntoView({ block: 'end' });
  }
}
