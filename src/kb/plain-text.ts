import { marked, type Token, type Tokens } from 'marked';

/**
 * Turns a note's Markdown (with Obsidian and Hugo extras) into the clean text a learner reads:
 * markup removed, links reduced to their text, LaTeX kept verbatim for the client to typeset.
 */

const MATH = /\$\$[\s\S]+?\$\$|\$[^\s$](?:[^$\n]*?[^\s$])?\$/g;
const SHORTCODE = /\{\{[<%]\s*\/?\s*[\w-]+[^}]*?[>%]\}\}/g;
const WIKILINK = /\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]+))?\]\]/g;
const HIGHLIGHT = /==([^=\n]+)==/g;
const INLINE_TAG = /(^|\s)#([\p{L}\p{N}_/-]*\p{L}[\p{L}\p{N}_/-]*)/gu;

export interface CleanedMarkup {
  text: string;
  /** Targets of [[wikilinks]], as written. */
  links: string[];
  /** Inline #tags. */
  tags: string[];
}

/** Obsidian and Hugo syntax, which Markdown itself does not know, reduced before lexing. */
function reduceExtensions(source: string, links: string[], tags: string[]): string {
  return source
    .replace(SHORTCODE, '')
    .replace(WIKILINK, (_match, target: string, label?: string) => {
      links.push(target.trim());
      return (label ?? target).trim();
    })
    .replace(HIGHLIGHT, '$1')
    .replace(INLINE_TAG, (_match, space: string, tag: string) => {
      tags.push(tag);
      return space;
    });
}

function inlineText(tokens: Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback;
  return tokens
    .map((token) => {
      switch (token.type) {
        case 'image':
        case 'html':
          return '';
        case 'br':
          return '\n';
        case 'codespan':
        case 'escape':
          return (token as Tokens.Codespan).text;
        case 'strong':
        case 'em':
        case 'del':
        case 'link':
          return inlineText((token as Tokens.Strong).tokens, (token as Tokens.Strong).text);
        default:
          return 'tokens' in token && token.tokens ? inlineText(token.tokens, token.raw) : ((token as Tokens.Text).text ?? token.raw);
      }
    })
    .join('');
}

function blockText(token: Token): string {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'html':
      return token.type === 'html' ? (token as Tokens.HTML).text.replace(/<[^>]+>/g, '').trim() : '';
    case 'code':
      return (token as Tokens.Code).text;
    case 'heading':
    case 'paragraph':
    case 'text':
      return inlineText((token as Tokens.Paragraph).tokens, (token as Tokens.Paragraph).text);
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.map(blockText).filter(Boolean).join('\n');
    case 'list': {
      const list = token as Tokens.List;
      return list.items
        .map((item, i) => `${list.ordered ? `${Number(list.start || 1) + i}.` : '-'} ${item.tokens.map(blockText).filter(Boolean).join(' ')}`)
        .join('\n');
    }
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inlineText(cell.tokens, cell.text)).join(' | ');
      return [row(table.header), ...table.rows.map(row)].join('\n');
    }
    default:
      return token.raw.trim();
  }
}

/** Keeps the first of paragraphs repeated within one note (notes pasted twice are common). */
export function dropRepeatedParagraphs(paragraphs: string[]): string[] {
  const seen = new Set<string>();
  return paragraphs.filter((paragraph) => {
    const key = paragraph.replace(/\s+/g, ' ').trim().toLowerCase();
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Clean text of a Markdown fragment without headings; paragraphs separated by blank lines. */
export function cleanMarkup(source: string): CleanedMarkup {
  const links: string[] = [];
  const tags: string[] = [];
  const math: string[] = [];
  // LaTeX is lifted out before lexing so that its underscores and asterisks are not read as emphasis.
  const protectedSource = reduceExtensions(source, links, tags).replace(MATH, (formula) => `\u0000${math.push(formula) - 1}\u0000`);
  const paragraphs = marked
    .lexer(protectedSource)
    .map((token) => blockText(token).replace(/\u0000(\d+)\u0000/g, (_m, i: string) => math[Number(i)]!).trim())
    .filter(Boolean);
  return { text: dropRepeatedParagraphs(paragraphs).join('\n\n'), links, tags };
}
