import { formatNumber, type StepRow } from '../../src/core';
import { renderMarkdown } from './markdown';

export interface Citation {
  item: number;
  title: string;
}

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
}

export interface MessageActions {
  openItem(item: number): void;
  rate(messageId: string, rating: 'up' | 'down'): void;
}

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

const cell = (value: number | number[] | undefined): string =>
  value === undefined ? '' : typeof value === 'number' ? formatNumber(value) : `[${value.map(formatNumber).join(', ')}]`;

/** A calculation's steps as a table: the learner sees every number the answer used. */
function stepsTable(calculation: Calculation): HTMLElement {
  const figure = element('figure', 'steps');
  figure.append(element('figcaption', undefined, `${calculation.loss}: ${calculation.steps?.formula.words ?? ''}`));
  const table = element('table');
  const head = table.createTHead().insertRow();
  for (const name of ['#', 'target', 'prediction', 'error', 'loss']) head.append(element('th', undefined, name));
  const body = table.createTBody();
  for (const row of calculation.steps?.rows ?? []) {
    const tr = body.insertRow();
    for (const value of [String(row.index), cell(row.target), cell(row.prediction), cell(row.error), cell(row.loss)]) tr.insertCell().textContent = value;
  }
  figure.append(table, element('p', undefined, calculation.steps?.reduction.expression ?? `= ${cell(calculation.value)}`));
  return figure;
}

/** The conversation: the learner's messages as text, the tutor's as sanitised Markdown. */
export class MessageView {
  private composing = new Map<string, HTMLElement>();

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

  addAnswer(answer: AnswerFields, replyTo?: string): void {
    const node = (replyTo && this.composing.get(replyTo)) || element('div');
    if (replyTo) this.composing.delete(replyTo);
    node.className = 'message tutor';
    node.dataset['messageId'] = answer.messageId;
    node.innerHTML = renderMarkdown(answer.text);
    for (const calculation of answer.calculations.filter((c) => c.steps && c.loss !== 'combined')) node.append(stepsTable(calculation));
    if (answer.citations.length > 0) {
      const chips = element('div', 'chips');
      for (const citation of answer.citations) {
        const chip = element('button', 'chip', `#${citation.item}`);
        chip.type = 'button';
        chip.title = citation.title;
        chip.setAttribute('aria-label', `Open item ${citation.item}: ${citation.title}`);
        chip.addEventListener('click', () => this.actions.openItem(citation.item));
        chips.append(chip);
      }
      node.append(chips);
    }
    node.append(this.feedback(answer.messageId));
    if (!node.isConnected) this.container.append(node);
    this.scroll();
  }

  acknowledge(messageId: string): void {
    const status = this.container.querySelector(`[data-message-id="${CSS.escape(messageId)}"] .feedback-status`);
    if (status) status.textContent = 'Thanks for the feedback.';
  }

  private feedback(messageId: string): HTMLElement {
    const bar = element('div', 'feedback');
    for (const [rating, label, symbol] of [['up', 'Helpful', '👍'], ['down', 'Not helpful', '👎']] as const) {
      const button = element('button', undefined, symbol);
      button.type = 'button';
      button.setAttribute('aria-label', label);
      button.addEventListener('click', () => this.actions.rate(messageId, rating));
      bar.append(button);
    }
    bar.append(element('span', 'feedback-status'));
    return bar;
  }

  private scroll(): void {
    this.container.lastElementChild?.scrollIntoView({ block: 'end' });
  }
}
