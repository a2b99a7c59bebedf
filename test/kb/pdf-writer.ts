import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

/**
 * Writes PDFs the way presentation and word-processing apps lay them out: titles set larger, body
 * text wrapped to the page, bullets with a hanging indent, a running footer and a page number on
 * every page. The PDF fixtures and the 500-page bench PDF are made with it.
 */
export type Block = { title: string } | { heading: string } | { subheading: string } | { text: string } | { bullet: string } | { numbered: string };

export interface PdfLayout {
  width: number;
  height: number;
  titleSize: number;
  headingSize: number;
  subheadingSize: number;
  bodySize: number;
  /** Drawn at the foot of every page but the first, beside the page number. */
  footer?: string;
}

export const SLIDES: PdfLayout = { width: 720, height: 405, titleSize: 26, headingSize: 20, subheadingSize: 18, bodySize: 16 };
export const A4: PdfLayout = { width: 595, height: 842, titleSize: 20, headingSize: 16, subheadingSize: 14, bodySize: 12 };

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Draws one page's blocks top-down; what does not fit flows onto the next page (a handout). */
function drawPages(fonts: Fonts, layout: PdfLayout, blocks: Block[], newPage: () => PDFPage): void {
  const margin = layout.width * 0.07;
  let page = newPage();
  let y = layout.height - margin;
  const draw = (text: string, size: number, font: PDFFont, indent: number, hang: string, gapBefore: number) => {
    const lines = wrap(text, font, size, layout.width - 2 * margin - indent - (hang ? size : 0));
    y -= gapBefore;
    lines.forEach((line, i) => {
      if (y - size < margin) {
        page = newPage();
        y = layout.height - margin;
      }
      y -= size * 1.25;
      if (i === 0 && hang) page.drawText(hang, { x: margin + indent, y, size, font });
      page.drawText(line, { x: margin + indent + (hang ? size : 0), y, size, font });
    });
  };
  for (const block of blocks) {
    if ('title' in block) draw(block.title, layout.titleSize, fonts.bold, 0, '', 0);
    else if ('heading' in block) draw(block.heading, layout.headingSize, fonts.bold, 0, '', layout.bodySize);
    else if ('subheading' in block) draw(block.subheading, layout.subheadingSize, fonts.bold, 0, '', layout.bodySize * 0.8);
    else if ('text' in block) draw(block.text, layout.bodySize, fonts.regular, 0, '', layout.bodySize * 0.8);
    else if ('bullet' in block) draw(block.bullet, layout.bodySize, fonts.regular, layout.bodySize, '•', layout.bodySize * 0.4);
    else draw(block.numbered.replace(/^\d+\.\s*/, ''), layout.bodySize, fonts.regular, layout.bodySize, /^\d+\./.exec(block.numbered)![0], layout.bodySize * 0.4);
  }
}

/** A PDF of `pages`, each a list of blocks; a page whose blocks overflow continues on the next. */
export async function writePdf(layout: PdfLayout, pages: Block[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const newPage = () => doc.addPage([layout.width, layout.height]);
  for (const blocks of pages) drawPages(fonts, layout, blocks, newPage);
  const all = doc.getPages();
  all.forEach((page, i) => {
    if (i === 0) return;
    const size = Math.max(7, layout.bodySize * 0.6);
    if (layout.footer) page.drawText(layout.footer, { x: layout.width * 0.07, y: size * 2, size, font: fonts.regular });
    const number = `${i + 1} / ${all.length}`;
    page.drawText(number, { x: layout.width * 0.93 - fonts.regular.widthOfTextAtSize(number, size), y: size * 2, size, font: fonts.regular });
  });
  // A fixed date keeps the fixture's bytes the same each time it is written.
  doc.setCreationDate(new Date('2024-03-14T09:00:00Z'));
  doc.setModificationDate(new Date('2024-03-14T09:00:00Z'));
  return doc.save();
}
