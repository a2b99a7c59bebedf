import { frontMatterKind } from '../front-matter';
import { isNumberedList, parseNumberedList } from '../numbered-list';
import { extensionOf, type NoteFormat } from './note-format';
import { markdownExtensions } from './markdown';
import { isPlainTextFile, literalAsterisks } from './plain-text';

/** A file of `35. …` lines and nothing else: one item per entry, numbered as written. */
export const numberedList: NoteFormat = {
  name: 'numbered-list',
  recognise: (file) => markdownExtensions.has(extensionOf(file.source)) && !frontMatterKind(file.text) && isNumberedList(file.text),
  parse: (file) => ({ notes: parseNumberedList(file.source, isPlainTextFile(file.source) ? literalAsterisks(file.text) : file.text), problems: [] }),
};
