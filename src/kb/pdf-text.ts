import { dirname, join } from 'node:path';

/** One line of a PDF page as drawn: its text, its font size and where it starts (PDF points, y up). */
export interface PdfLine {
  text: string;
  size: number;
  x: number;
  y: number;
}

/** A page's text, line by line in the order the file draws it, with the page's own number (1-based). */
export interface PdfPage {
  number: number;
  width: number;
  height: number;
  lines: PdfLine[];
}

export type PdfText = { ok: true; pages: PdfPage[] } | { ok: false; reason: string };

interface TextRun {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
// pdfjs-dist is an ES module; the legacy build is the one that runs on Node 20.
const loadPdfJs = (): Promise<PdfJs> => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

const assets = (folder: string): string => `${join(dirname(require.resolve('pdfjs-dist/package.json')), folder)}/`;

/** Ligatures a PDF font draws as one glyph read as the letters a learner typed. */
const LIGATURES: Record<string, string> = { '\uFB00': 'ff', '\uFB01': 'fi', '\uFB02': 'fl', '\uFB03': 'ffi', '\uFB04': 'ffl' };
const LIGATURE = /[\uFB00-\uFB04]/g;

/** Runs on one baseline joined into lines, with a space where the gap between runs is a word gap. */
function linesOf(runs: TextRun[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: (PdfLine & { end: number }) | undefined;
  for (const run of runs) {
    const size = Math.hypot(run.transform[2]!, run.transform[3]!) || Math.abs(run.transform[0]!);
    const [x, y] = [run.transform[4]!, run.transform[5]!];
    if (run.str !== '') {
      const sameLine = current && Math.abs(current.y - y) < Math.max(current.size, size) * 0.5 && x >= current.end - size;
      if (current && sameLine) {
        const gap = x - current.end > size * 0.15 && !/\s$/.test(current.text) && !/^\s/.test(run.str);
        current.text += (gap ? ' ' : '') + run.str;
        current.size = Math.max(current.size, size);
        current.end = x + run.width;
      } else {
        current = { text: run.str, size, x, y, end: x + run.width };
        lines.push(current);
      }
    }
    if (run.hasEOL) current = undefined;
  }
  return lines
    .map(({ text, size, x, y }) => ({ text: text.replace(LIGATURE, (l) => LIGATURES[l]!).replace(/\s+/g, ' ').trim(), size: Math.round(size * 10) / 10, x, y }))
    .filter((line) => line.text !== '');
}

/**
 * The text of every page of a PDF, read with pdf.js at the file-reading edge, so that the PDF
 * format itself parses plain page text. A file pdf.js cannot open (encrypted, damaged, not a PDF)
 * is a reason, never a throw.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<PdfText> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    // pdf.js takes ownership of the buffer it is given; a copy leaves the caller's bytes whole.
    data: new Uint8Array(bytes),
    cMapUrl: assets('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: assets('standard_fonts'),
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise;
    const pages: PdfPage[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      pages.push({ number, width, height, lines: linesOf(content.items.flatMap((item) => ('str' in item ? [item] : []))) });
      page.cleanup();
    }
    return { ok: true, pages };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { ok: false, reason: name === 'PasswordException' ? 'it is protected by a password' : `pdf.js could not read it (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    await task.destroy();
  }
}

/** The pages' text as one string, pages separated by a form feed (as pdftotext writes them). */
export const pdfPlainText = (pages: readonly PdfPage[]): string => pages.map((page) => page.lines.map((line) => line.text).join('\n')).join('\n\f\n');
