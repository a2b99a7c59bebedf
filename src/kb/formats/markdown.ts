import { parseDocument } from '../document';
import { frontMatterKind, frontMatterSchema, splitFrontMatter, type FrontMatter } from '../front-matter';
import type { NoteFile } from '../note-files';
import { emptyFile, extensionOf, problem, type NoteFormat, type ParsedFile } from './note-format';

export const markdownExtensions = new Set(['md', 'markdown', 'mdx', 'txt', 'text', '']);

/** Front matter split off and validated; a block that does not parse skips the file with a reason. */
export function withFrontMatter(file: NoteFile, parse: (body: string, front: FrontMatter) => ParsedFile['notes']): ParsedFile {
  const kind = frontMatterKind(file.text);
  if (!kind) {
    const notes = parse(file.text, {});
    return notes.some((n) => n.sections.length > 0) ? { notes, problems: [] } : emptyFile(file.source);
  }
  let split: ReturnType<typeof splitFrontMatter>;
  try {
    split = splitFrontMatter(file.text, kind);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { notes: [], problems: [problem(file.source, 'parse_error', `${file.source} was skipped: its ${kind.toUpperCase()} front matter does not parse (${reason}); fix the block between the ${kind === 'yaml' ? '---' : '+++'} lines.`)] };
  }
  const front = frontMatterSchema.safeParse(split.data);
  if (!front.success) {
    const fields = front.error.issues.map((issue) => `${issue.path.join('.')} (${issue.message})`).join(', ');
    return { notes: [], problems: [problem(file.source, 'parse_error', `${file.source} was skipped: front matter field ${fields} is not valid; see docs/knowledge-format.md for the fields.`)] };
  }
  const notes = parse(split.body, front.data);
  return notes.some((n) => n.sections.length > 0) || front.data.claim ? { notes, problems: [] } : emptyFile(file.source, 'has no text');
}

/** Markdown, with or without YAML front matter: headings are sections, a numbered list or numbered topics are items. */
export const markdown: NoteFormat = {
  name: 'markdown',
  recognise: (file) => markdownExtensions.has(extensionOf(file.source)),
  parse: (file) => withFrontMatter(file, (body, front) => parseDocument(file.source, body, front)),
};

/** Hugo pages: TOML (+++) front matter and {{< shortcodes >}}, read as Markdown. */
export const hugo: NoteFormat = {
  name: 'hugo',
  recognise: (file) => markdownExtensions.has(extensionOf(file.source)) && (frontMatterKind(file.text) === 'toml' || /\{\{[<%]/.test(file.text)),
  parse: markdown.parse,
};

/** Obsidian notes: wikilinks, embeds, callouts and #tags, which the Markdown reader reduces. */
export const obsidian: NoteFormat = {
  name: 'obsidian',
  recognise: (file) => ['md', 'markdown'].includes(extensionOf(file.source)) && /\[\[[^\]]+\]\]|^\s*>\s*\[![a-z]+\]/im.test(file.text),
  parse: markdown.parse,
};
