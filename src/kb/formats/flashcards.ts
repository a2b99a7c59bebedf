import { parse as parseCsv } from 'csv-parse/sync';
import { DomUtils, parseDocument as parseHtml } from 'htmlparser2';
import { titleOfClaim } from '../document';
import { NOTION_ID } from '../plain-text';
import { detectLanguage, firstSentence, type RawNote } from '../raw-note';
import { emptyFile, extensionOf, problem, type NoteFormat, type ParsedFile } from './note-format';

const CLOZE = /\{\{c\d+::(.*?)(?:::(.*?))?\}\}/g;

/** An Anki field's HTML as text: tags gone, <br> and <div> as line breaks, entities decoded. */
function fieldText(field: string, isHtml: boolean): string {
  if (!isHtml) return field.trim();
  const withBreaks = field.replace(/<br\s*\/?>|<\/div>|<\/p>/gi, '\n');
  return DomUtils.textContent(parseHtml(withBreaks)).replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

interface Card {
  front: string;
  back: string;
  tags: string[];
}

function cardNote(source: string, card: Card, row: number): RawNote {
  const cloze = CLOZE.test(card.front);
  CLOZE.lastIndex = 0;
  const revealed = card.front.replace(CLOZE, (_m, answer: string) => answer);
  const blanks = card.front.replace(CLOZE, (_m, _answer: string, hint?: string) => `[${hint ?? '...'}]`);
  const answers = [...card.front.matchAll(CLOZE)].map((m) => m[1]!);
  const question = cloze ? blanks : card.front;
  const answer = cloze ? [answers.join('; '), card.back].filter(Boolean).join(' — ') : card.back;
  const text = cloze ? [revealed, card.back].filter(Boolean).join('\n\n') : `${card.front}\n\n${card.back}`;
  return {
    source: `${source}#row=${row}`,
    lang: detectLanguage(text),
    title: titleOfClaim(cloze ? revealed : card.front).slice(0, 100) || card.front.slice(0, 100),
    // A card's back alone ("1.0", "No") says nothing without the question it answers.
    claim: cloze || card.back === '' ? firstSentence(revealed) : `${card.front} → ${firstSentence(card.back)}`,
    aliases: [],
    tags: card.tags,
    related: [],
    links: [],
    quiz: [{ question, answer }],
    sections: cloze
      ? [{ name: 'definition', heading: 'Card', text }]
      : [
          { name: 'definition', heading: 'Answer', text: card.back || card.front },
          { name: 'quiz', heading: 'Question', text: card.front },
        ],
  };
}

const SEPARATORS: Record<string, string> = { tab: '\t', comma: ',', semicolon: ';', pipe: '|', space: ' ', colon: ':' };

/**
 * Anki's "Notes in Plain Text" export: `#separator:tab`, `#html:true`, `#notetype column:1` ...
 * header lines, then one card per line. Cloze deletions become the card's question with blanks.
 */
export const anki: NoteFormat = {
  name: 'anki',
  recognise: (file) => ['txt', 'text', 'tsv', 'csv'].includes(extensionOf(file.source)) && /^#(separator|html|notetype column|deck column|tags column|columns):/m.test(file.text),
  parse(file) {
    const header = new Map<string, string>();
    const lines = file.text.split('\n').filter((line) => {
      const match = /^#([\w ]+):(.*)$/.exec(line);
      if (match) header.set(match[1]!.trim(), match[2]!.trim());
      return !match;
    });
    const delimiter = SEPARATORS[header.get('separator') ?? 'tab'] ?? header.get('separator') ?? '\t';
    const isHtml = header.get('html') === 'true';
    const skip = new Set(['notetype column', 'deck column', 'guid column'].map((k) => Number(header.get(k)) - 1).filter((n) => n >= 0));
    const tagColumn = Number(header.get('tags column')) - 1;
    const rows = readRows(file.source, lines.join('\n'), delimiter);
    if (!Array.isArray(rows)) return rows;
    const notes = rows
      .map((row) => {
        const fields = row.filter((_v, i) => !skip.has(i) && i !== tagColumn).map((f) => fieldText(f, isHtml));
        const tags = tagColumn >= 0 ? (row[tagColumn] ?? '').split(/\s+/).filter(Boolean) : [];
        return { front: fields[0] ?? '', back: fields.slice(1).filter(Boolean).join('\n\n'), tags };
      })
      .filter((card) => card.front !== '')
      .map((card, i) => cardNote(file.source, card, i + 1));
    return notes.length > 0 ? { notes, problems: [] } : emptyFile(file.source, 'has no cards');
  },
};

function readRows(source: string, text: string, delimiter: string): string[][] | ParsedFile {
  try {
    return parseCsv(text, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (error) {
    return { notes: [], problems: [problem(source, 'parse_error', `${source} was skipped: its rows do not parse (${(error as Error).message}); save it again as CSV or TSV.`)] };
  }
}

const QUESTION = /^(question|q|front|term|prompt|問題)$/i;
const ANSWER = /^(answer|a|back|definition|response|答案)$/i;

/**
 * CSV and TSV tables: question/answer columns are flashcards (one card per row); any other table, a
 * Notion database export among them, is one item per row titled by its first column.
 */
export const table: NoteFormat = {
  name: 'csv',
  recognise: (file) => ['csv', 'tsv'].includes(extensionOf(file.source)),
  parse(file) {
    const rows = readRows(file.source, file.text, extensionOf(file.source) === 'tsv' ? '\t' : ',');
    if (!Array.isArray(rows)) return rows;
    const [head, ...body] = rows;
    if (!head || body.length === 0) return emptyFile(file.source, 'has no rows under its header');
    const q = head.findIndex((h) => QUESTION.test(h.trim()));
    const a = head.findIndex((h) => ANSWER.test(h.trim()));
    if (q >= 0 && a >= 0) return { notes: body.filter((r) => r[q]?.trim()).map((r, i) => cardNote(file.source, { front: r[q]!.trim(), back: (r[a] ?? '').trim(), tags: [] }, i + 1)), problems: [] };
    const tagColumn = head.findIndex((h) => /^tags?$/i.test(h.trim()));
    const table = NOTION_ID.test(file.source) ? file.source.split('/').pop()!.replace(/\.[^.]+$/, '').replace(NOTION_ID, '').trim() : '';
    NOTION_ID.lastIndex = 0;
    const notes = body
      .filter((row) => row[0]?.trim())
      .map((row, i): RawNote => {
        const fields = head.map((name, c) => ({ name: name.trim(), value: (row[c] ?? '').trim() })).filter((f, c) => c > 0 && c !== tagColumn && f.value !== '');
        const text = fields.map((f) => `${f.name}: ${f.value}`).join('\n\n');
        return {
          source: `${file.source}#row=${i + 1}`,
          lang: detectLanguage(`${row[0]} ${text}`),
          title: row[0]!.trim(),
          claim: firstSentence(fields.map((f) => `${f.name}: ${f.value}`).join('. ') + '.'),
          aliases: [],
          tags: [...(tagColumn >= 0 ? (row[tagColumn] ?? '').split(',').map((t) => t.trim()).filter(Boolean) : []), ...(table ? [table] : [])],
          related: [],
          links: [],
          quiz: [],
          sections: [{ name: 'definition', heading: 'Definition', text: text || row[0]!.trim() }],
        };
      });
    return { notes, problems: [] };
  },
};
