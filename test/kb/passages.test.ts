import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/kb/item';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';
import { cutPassages, sharePassageText } from '../../src/kb/passages';

describe('cutPassages', () => {
  it('numbers passages by item and place, keeping the section each sits under', () => {
    const passages = cutPassages(35, [
      { name: 'definition', heading: 'Definition', text: 'First paragraph.\n\nSecond paragraph\nwrapped.' },
      { name: 'pitfalls', heading: 'Pitfalls', text: '- one\n  still one\n- two' },
    ]);
    expect(passages).toEqual([
      { id: '35.1', section: 'Definition', headingPath: ['Definition'], sectionName: 'definition', kind: 'paragraph', text: 'First paragraph.' },
      { id: '35.2', section: 'Definition', headingPath: ['Definition'], sectionName: 'definition', kind: 'paragraph', text: 'Second paragraph\nwrapped.' },
      { id: '35.3', section: 'Pitfalls', headingPath: ['Pitfalls'], sectionName: 'pitfalls', kind: 'list-entry', text: '- one\n  still one' },
      { id: '35.4', section: 'Pitfalls', headingPath: ['Pitfalls'], sectionName: 'pitfalls', kind: 'list-entry', text: '- two' },
    ]);
  });

  it('keeps a code block whole, blank lines included, and tells tables and formulas apart', () => {
    const code = '```python\nx = [[2.0, 1.0, 0.1]]\n\nprint(x)\n```';
    const passages = cutPassages(1, [{ name: 'example', heading: 'Example', text: `${code}\n\n| a | b |\n| 1 | 2 |\n\n$$L = x^2$$` }]);
    expect(passages.map((p) => [p.kind, p.text])).toEqual([
      ['code', code],
      ['table', '| a | b |\n| 1 | 2 |'],
      ['formula', '$$L = x^2$$'],
    ]);
  });

  it('cuts pasted prose where a line break alone ends a paragraph, never hand-wrapped prose', () => {
    const long = 'A web page keeps each of its paragraphs on a single line, however long it grows, so a line break alone ends it.';
    const wrapped = 'A hand-wrapped paragraph breaks its lines.\nAt a sentence end too, and stays whole.';
    const passages = cutPassages(2, [{ name: 'notes', heading: 'Notes', path: ['Guide', 'Notes'], text: `${long}\nShort next paragraph.\n\n${wrapped}` }]);
    expect(passages.map((p) => p.text)).toEqual([long, 'Short next paragraph.', wrapped]);
    expect(passages.map((p) => p.headingPath)).toEqual([['Guide', 'Notes'], ['Guide', 'Notes'], ['Guide', 'Notes']]);
  });
});

describe('sharePassageText', () => {
  it('leaves a received copy of the bundled notes equal to the notes, passage for passage', async () => {
    const kb = await loadKnowledgeBase(join(__dirname, '../../knowledge'));
    // What a tutor thread receives: the structured clone postMessage makes.
    const received = deserialize(serialize(kb)) as KnowledgeBase;
    received.items.forEach(sharePassageText);
    expect(received.items).toEqual(kb.items);
    const passages = received.items.flatMap((item) => item.passages);
    expect(passages.length).toBeGreaterThan(100);
  });
});
