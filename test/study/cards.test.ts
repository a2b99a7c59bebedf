import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';
import { cardsOf, checkedQuestion } from '../../src/study/cards';
import { gradeReply } from '../../src/tutor/quiz';

const root = join(__dirname, '..', '..');

describe('cards from the notes', () => {
  it('makes a card of every quiz question and a cloze of every claim, each pointing at its item and an existing passage', async () => {
    const kb = await loadKnowledgeBase(join(root, 'knowledge'));
    const cards = cardsOf(kb);
    expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length);
    expect(cards.filter((c) => c.kind === 'quiz')).toHaveLength(kb.items.reduce((n, item) => n + item.quiz.length, 0));
    for (const card of cards) {
      const item = kb.byNumber.get(card.item)!;
      expect(item.passages.map((p) => p.id)).toContain(card.passage);
      if (card.kind === 'cloze') expect(card.prompt.replace('[...]', card.answer)).toBe(item.claim);
    }
    const cloze = cards.find((c) => c.id === '35/cloze')!;
    expect(gradeReply(cloze.answer, checkedQuestion(cloze, kb)).correct).toBe(true);
    expect(gradeReply('bananas', checkedQuestion(cloze, kb)).correct).toBe(false);
  });

  it('keeps flashcard rows as they are: one card per row, front and back unchanged', async () => {
    const kb = await loadKnowledgeBase(join(root, 'test', 'fixtures', 'notes', 'flashcards'));
    const cards = cardsOf(kb);
    expect(cards.every((c) => c.kind === 'flashcard')).toBe(true);
    expect(cards).toHaveLength(kb.items.length);
    expect(cards.map((c) => [c.prompt, c.answer])).toEqual(kb.items.map((item) => [item.quiz[0]!.question, item.quiz[0]!.answer]));
    expect(cards.map((c) => c.prompt)).toContain('What does MSE stand for?');
  });
});
