/**
 * Builds an answer block by block: each block is streamed through onDelta as soon as it is
 * written, citations are kept in order of first use, and the text of each part is tracked so
 * `parts` can carry it.
 */
import type { Item, Passage } from '../kb/item';
import type { AnswerBody, AnswerPart, Calculation, Citation, Clarification } from './answer';
import { toSimplified } from './chinese-script';
import { writingLang, type Lang } from './language';

export class AnswerComposer {
  private readonly blocks: string[] = [];
  private readonly citations: Citation[] = [];
  private readonly calculations: Calculation[] = [];
  private readonly parts: AnswerPart[] = [];
  private openPart: { question: string; from: number } | undefined;

  constructor(
    private readonly lang: Lang,
    private readonly onDelta?: (text: string) => void,
  ) {}

  /** Simplified Chinese is written as Traditional and converted here, the one place text leaves the tutor. */
  private readonly script = (text: string): string => (this.lang === 'zh-Hans' ? toSimplified(text) : text);

  write(markdown: string): void {
    const block = this.script(markdown.trim());
    if (block.length === 0) return;
    this.onDelta?.(this.blocks.length === 0 ? block : `\n\n${block}`);
    this.blocks.push(block);
  }

  cite(item: Item, passage?: Passage): void {
    const existing = this.citations.find((c) => c.item === item.number);
    const citation = existing ?? this.newCitation(item);
    if (!existing) this.citations.push(citation);
    if (passage && !citation.passages?.some((p) => p.id === passage.id)) {
      citation.passages = [...(citation.passages ?? []), { id: passage.id, section: this.script(passage.section) }];
    }
  }

  private newCitation(item: Item): Citation {
    const text = item.translations[this.lang] ?? item.translations[writingLang(this.lang)] ?? item;
    return { item: item.number, title: this.script(text.title), source: text.source };
  }

  citationList(): readonly Citation[] {
    return this.citations;
  }

  cited(): number[] {
    return this.citations.map((c) => c.item);
  }

  record(calculation: Calculation): void {
    this.calculations.push(calculation);
  }

  beginPart(question: string): void {
    this.endPart();
    this.openPart = { question, from: this.blocks.length };
  }

  endPart(): void {
    if (!this.openPart) return;
    this.parts.push({ question: this.script(this.openPart.question), text: this.blocks.slice(this.openPart.from).join('\n\n') });
    this.openPart = undefined;
  }

  finish(clarify: boolean, clarification?: Clarification): AnswerBody {
    this.endPart();
    const body: AnswerBody = {
      text: this.blocks.join('\n\n'),
      citations: this.citations,
      calculations: this.calculations,
      clarify,
      engine: { name: 'embedded' },
    };
    if (this.parts.length > 1) body.parts = this.parts;
    if (clarify && clarification) body.clarification = clarification;
    return body;
  }
}
