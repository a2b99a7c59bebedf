import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'vitest';
import { noteFormats } from '../../src/kb/formats';
import { extractPdfText, pdfPlainText } from '../../src/kb/pdf-text';
import { runFormatContract, type FormatSample } from './format-contract';

const notes = join(__dirname, '../fixtures/notes');
const fixture = (path: string) => ({ source: path.split('/').slice(1).join('/'), text: readFileSync(join(notes, path), 'utf8') });

const slides = 'pdf/Week 5 - Robust regression losses.pdf';
/** A PDF's sample is its pages, as the loader extracts them when it reads the file. */
const pdfSample = extractPdfText(readFileSync(join(notes, slides))).then((extracted): FormatSample => {
  if (!extracted.ok) throw new Error(`${slides} does not extract: ${extracted.reason}`);
  return { source: slides.split('/').slice(1).join('/'), text: pdfPlainText(extracted.pages), pages: extracted.pages };
});

/** One real sample per format, from the realistic folders. */
const samples: Record<string, FormatSample | Promise<FormatSample>> = {
  pdf: pdfSample,
  jupyter: fixture('jupyter/softmax-cross-entropy.ipynb'),
  anki: fixture('flashcards/anki-losses.txt'),
  csv: fixture('flashcards/quiz-cards.csv'),
  html: fixture('html/Label smoothing explained - ML notes.html'),
  transcript: fixture('formats/chat-transcript.txt'),
  logseq: fixture('logseq/pages/Loss functions___Huber.md'),
  notion: fixture('notion/Hinge loss 3f9c2a1b7d6e4f50a1b2c3d4e5f60718.md'),
  hugo: fixture('formats/toml-note.md'),
  obsidian: fixture('obsidian/Focal loss.md'),
  'numbered-list': fixture('formats/course-facts.txt'),
  'plain-text': fixture('plain/cross-entropy.txt'),
  markdown: fixture('markdown/week3-lecture.md'),
};

describe('every note format keeps the format contract', () => {
  for (const format of noteFormats) {
    if (format.name === 'tooling') continue;
    const sample = samples[format.name];
    if (!sample) throw new Error(`format ${format.name} has no sample in test/kb/formats.test.ts`);
    describe(format.name, () => runFormatContract(format, sample));
  }
});
