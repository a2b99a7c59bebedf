import { open, readdir, type FileHandle } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { KbProblem } from './item';
import { extractPdfText, pdfPlainText, type PdfPage } from './pdf-text';

export interface NoteFile {
  /** Path inside the knowledge base, with forward slashes. */
  source: string;
  text: string;
  bytes: Buffer;
  /**
   * A PDF's pages, once extracted (`withPdfText`); `text` is then their text. A PDF is read as bytes
   * alone: pdf.js runs only when no cached parse of those bytes is found.
   */
  pages?: PdfPage[];
}

/** Folders that hold tooling rather than notes. */
const skipped = (name: string): boolean => name.startsWith('.') || name === 'node_modules';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((entry) => !skipped(entry.name))
      .map((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : entry.isFile() ? Promise.resolve([join(dir, entry.name)]) : Promise.resolve([]))),
  );
  return nested.flat();
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Files no note is kept in: images, media, archives and office files. */
const BINARY_EXTENSIONS = /\.(png|jpe?g|gif|webp|bmp|ico|svg|tiff?|heic|mp[34]|mov|wav|m4a|zip|gz|tgz|7z|rar|docx?|pptx?|xlsx?|woff2?|ttf|otf|eot|sqlite|db|pkl|pt|npy|npz|h5|onnx|apkg|exe|dll|so|dylib|class|o)$/i;

/** Text as the learner's editor saved it: UTF-8 with or without BOM, or UTF-16 with a BOM; CRLF as LF. */
function decode(bytes: Buffer): string | { reason: string; lost: boolean } {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    if (bytes.includes(0)) return { reason: 'it is a binary file (it contains NUL bytes)', lost: false };
    try {
      text = decoder.decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      return { reason: 'it is not valid UTF-8 text', lost: true };
    }
  }
  return text.replace(/\r\n?/g, '\n');
}

/** Maps `work` over `items` with at most `limit` at once, keeping order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The file's `size` bytes (fewer if it shrank meanwhile): one read where readFile would stat again. */
async function readWhole(file: FileHandle, size: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await file.read(buffer, filled, size - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** A note larger than this is no note but a dump; read whole, it would be served and stored whole. */
export const MAX_NOTE_BYTES = 1024 * 1024;
/** Slides carry images and fonts: a PDF's bytes are mostly not its text, so it may be larger. */
export const MAX_PDF_BYTES = 64 * 1024 * 1024;

const isPdf = (source: string): boolean => /\.pdf$/i.test(source);
const sizeLimit = (source: string): number => (isPdf(source) ? MAX_PDF_BYTES : MAX_NOTE_BYTES);

function binarySkipped(source: string, problems: KbProblem[]): undefined {
  problems.push({ code: 'skipped', severity: 'warning', source, message: `${source} was skipped: it is a binary file (an image, media or document), not a note; that is fine if your notes embed it.` });
  return undefined;
}

function tooLarge(source: string, size: number, problems: KbProblem[]): undefined {
  const what = isPdf(source) ? { one: 'PDF', many: 'files' } : { one: 'note', many: 'notes' };
  problems.push({ code: 'unreadable', severity: 'warning', source, message: `${source} was skipped: it is ${Math.round(size / 1024)} KiB, over the ${sizeLimit(source) / 1024} KiB a ${what.one} may have; split it into smaller ${what.many}.` });
  return undefined;
}

function decoded(source: string, bytes: Buffer, problems: KbProblem[]): NoteFile | undefined {
  const text = decode(bytes);
  if (typeof text !== 'string') {
    // A binary file holds no notes to lose; text in another encoding does, so it is an error.
    problems.push({ code: text.lost ? 'unreadable' : 'skipped', severity: text.lost ? 'error' : 'warning', source, message: `${source} was skipped because ${text.reason}: save notes as UTF-8 text or move the file out of the knowledge base.` });
    return undefined;
  }
  return { source, text, bytes };
}

/** A PDF whose pages are not extracted yet. */
export const awaitsExtraction = (file: NoteFile): boolean => isPdf(file.source) && file.pages === undefined;

/** A PDF's pages, extracted at the edge so that the PDF format parses plain page text; one pdf.js cannot read, its problem. */
export async function withPdfText(file: NoteFile, problems: KbProblem[]): Promise<NoteFile | undefined> {
  const extracted = await extractPdfText(file.bytes);
  if (!extracted.ok) {
    problems.push({ code: 'unreadable', severity: 'warning', source: file.source, message: `${file.source} was skipped because ${extracted.reason}: save it again as a PDF without a password, or move it out of the knowledge base.` });
    return undefined;
  }
  return { ...file, text: pdfPlainText(extracted.pages), pages: extracted.pages };
}

const fileOf = (source: string, bytes: Buffer, problems: KbProblem[]): NoteFile | undefined => (isPdf(source) ? { source, text: '', bytes } : decoded(source, bytes, problems));

/** A file given as bytes (an upload) read as a folder's file would be: the note file, or its problem in `problems`. */
export async function noteFileOf(source: string, bytes: Buffer, problems: KbProblem[]): Promise<NoteFile | undefined> {
  if (BINARY_EXTENSIONS.test(source)) return binarySkipped(source, problems);
  if (bytes.length > sizeLimit(source)) return tooLarge(source, bytes.length, problems);
  return fileOf(source, bytes, problems);
}

/** Every readable text file under `dir`, in code-point order of their paths; the rest as problems; every path listed. */
export async function readNoteFiles(dir: string): Promise<{ files: NoteFile[]; problems: KbProblem[]; paths: string[] }> {
  const paths = (await listFiles(dir)).map((path) => ({ path, source: relative(dir, path).split(sep).join('/') }));
  paths.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const problems: KbProblem[] = [];
  const read = await mapLimited(paths, 64, async ({ path, source }) => {
    if (BINARY_EXTENSIONS.test(source)) return binarySkipped(source, problems);
    let bytes: Buffer;
    // One open file for its size and its bytes: a stat by path and a read by path cost twice the lookups.
    let file: FileHandle | undefined;
    try {
      file = await open(path, 'r');
      const { size } = await file.stat();
      if (size > sizeLimit(source)) return tooLarge(source, size, problems);
      bytes = await readWhole(file, size);
    } catch (error) {
      problems.push({ code: 'unreadable', severity: 'error', source, message: `${source} could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): check its permissions.` });
      return undefined;
    } finally {
      await file?.close();
    }
    return fileOf(source, bytes, problems);
  });
  return { files: read.filter((file): file is NoteFile => file !== undefined), problems, paths: paths.map((p) => p.source) };
}
