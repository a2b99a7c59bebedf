import { BLOCK_REF } from '../block-reference';
import { parseDocument } from '../document';
import { cleanMarkup } from '../plain-text';
import { extensionOf, type NoteFormat } from './note-format';

const PROPERTY = /^\s*(?:-\s+)?([A-Za-z][\w-]*)::\s*(.*)$/;

/** A page's name from its file: namespaces are written `a___b` (or `a%2Fb`) for `a/b`. */
export function logseqTitle(source: string): string {
  const base = source.split('/').pop()!.replace(/\.[^.]+$/, '');
  return decodeURIComponent(base.replace(/___/g, '/').replace(/%(?![0-9A-Fa-f]{2})/g, '%25')).trim();
}

const list = (value: string): string[] => value.split(',').map((v) => v.replace(/^\[\[|\]\]$/g, '').trim()).filter(Boolean);

/**
 * Logseq graphs: pages and journals of nested blocks. Properties (`tags:: …`, `id:: …`) are metadata,
 * never text; block references are resolved within the page, and left for the knowledge base to
 * resolve against the blocks of every page (the notes carry the blocks their page names); nesting is
 * kept as a list.
 */
export const logseq: NoteFormat = {
  name: 'logseq',
  recognise: (file) =>
    ['md', 'markdown'].includes(extensionOf(file.source)) &&
    (/(^|\/)(pages|journals)\//.test(file.source) || /^\s*(?:-\s+)?[A-Za-z][\w-]*:: /m.test(file.text)) &&
    /^\s*-\s/m.test(file.text),
  parse(file) {
    const tags: string[] = [];
    const aliases: string[] = [];
    const blocks = new Map<string, string>();
    const lines = file.text.split('\n');
    const kept: string[] = [];
    for (const line of lines) {
      const property = PROPERTY.exec(line);
      if (!property) {
        kept.push(line.replace(/\t/g, '  '));
        continue;
      }
      const [, key, value] = property as unknown as [string, string, string];
      if (key === 'tags') tags.push(...list(value));
      else if (key === 'alias') aliases.push(...list(value));
      else if (key === 'id') {
        // The block this id belongs to is the last bullet above it.
        const owner = [...kept].reverse().find((l) => /^\s*-\s/.test(l));
        if (owner) blocks.set(value.trim(), cleanMarkup(owner.replace(/^\s*-\s+/, '').trim()).text);
      }
    }
    // A top-level block is a paragraph of the page; its children stay a nested list under it.
    const body = kept
      .map((line) => (/^-\s/.test(line) ? `\n${line.slice(2)}\n` : line.replace(/^ {2}/, '')))
      .join('\n').replace(BLOCK_REF, (ref, id: string) => blocks.get(id) ?? ref);
    const journal = /(^|\/)journals\//.test(file.source);
    // A journal's name is a date, which is never a title; its first block says what the day was about.
    const firstBlock = /^\s*-\s+(.+)$/m.exec(kept.join('\n'))?.[1]?.replace(/\[\[([^\]]+)\]\]/g, '$1').trim();
    const title = journal ? `Journal: ${firstBlock ?? logseqTitle(file.source)}`.slice(0, 100) : logseqTitle(file.source);
    const named = blocks.size > 0 ? { blocks: Object.fromEntries(blocks) } : {};
    return { notes: parseDocument(file.source, body, {}, { title, tags, aliases }).map((n) => ({ ...n, ...named, title: n.title === title || journal ? title : n.title })), problems: [] };
  },
};
