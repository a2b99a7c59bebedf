import { parseDocument } from '../document';
import { NOTION_ID } from '../plain-text';
import { extensionOf, type NoteFormat } from './note-format';

const PROPERTY_LINE = /^([A-Z][\w ]{0,30}):\s+(.+)$/;

/**
 * Notion's Markdown export: a page's name and links carry a 32-hex id, and the page's properties
 * are written as `Name: value` lines under its title. The ids are stripped, the properties kept as
 * metadata (Tags become tags), never as text.
 */
export const notion: NoteFormat = {
  name: 'notion',
  recognise: (file) => ['md', 'markdown'].includes(extensionOf(file.source)) && /\s[0-9a-f]{32}\.[^./]+$/i.test(file.source),
  parse(file) {
    const lines = file.text.split('\n');
    const tags: string[] = [];
    let i = 0;
    while (i < lines.length && (lines[i]!.trim() === '' || /^#\s/.test(lines[i]!))) i++;
    while (i < lines.length && PROPERTY_LINE.test(lines[i]!)) {
      const [, key, value] = PROPERTY_LINE.exec(lines[i]!)! as unknown as [string, string, string];
      if (/^tags?$/i.test(key)) tags.push(...value.split(',').map((t) => t.trim()).filter(Boolean));
      lines[i] = '';
      i++;
    }
    const title = file.source.split('/').pop()!.replace(/\.[^.]+$/, '').replace(NOTION_ID, '').trim();
    return { notes: parseDocument(file.source, lines.join('\n'), {}, { title, tags }), problems: [] };
  },
};
