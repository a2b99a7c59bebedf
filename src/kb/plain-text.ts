import { decodeHTML } from 'entities';
import { marked, type Token, type Tokens } from 'marked';

/**
 * Turns a note's Markdown (with Obsidian and Hugo extras) into the clean text a learner reads:
 * markup removed, links reduced to their text (web links keep their URL), code kept verbatim as
 * fenced blocks, LaTeX kept verbatim for the client to typeset. The structure comes from marked's
 * lexer; Obsidian syntax, which Markdown does not know, is reduced inside its text tokens only, so
 * that code is never touched.
 */

const MATH = /\$\$[\s\S]+?\$\$|\$[^\s$](?:[^$\n]*?[^\s$])?\$/g;
const SHORTCODE = /\{\{[<%]\s*\/?\s*[\w-]+[^}]*?[>%]\}\}/g;
const EMBED = /!\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]/g;
const WIKILINK = /\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]+))?\]\]/g;
const HIGHLIGHT = /==([^=\n]+)==/g;
const INLINE_TAG = /(^|\s)#([\p{L}\p{N}_/-]*\p{L}[\p{L}\p{N}_/-]*)/gu;
/** A character every Obsidian or Hugo extension starts with: `{{<`, `[[`, `![[`, `==`, `#tag`. */
const MAY_EXTEND = /[{[=#]/;
const CALLOUT = /^(\s*>\s*)\[!(\w+)\][+-]?[ \t]*(.*)$/gm;
const IMAGE_FILE = /\.(png|jpe?g|gif|svg|webp|bmp|pdf|mp4|mp3|excalidraw)$/i;
/** Notion appends a 32-hex id to every exported page name. */
export const NOTION_ID = /\s+[0-9a-f]{32}(?=$|\.)/gi;

export interface CleanedMarkup {
  text: string;
  /** Targets of [[wikilinks]] and links to other notes, as written. */
  links: string[];
  /** Files embedded with ![[...]] (images are kept as references, never as text). */
  embeds: string[];
  /** Inline #tags. */
  tags: string[];
}

interface Collected {
  links: string[];
  embeds: string[];
  tags: string[];
}

/** Obsidian and Hugo syntax inside one run of text (never code). */
function reduceExtensions(text: string, found: Collected): string {
  // Most runs of text hold none of the syntax; five regular expressions over each would find nothing.
  if (!MAY_EXTEND.test(text)) return text;
  return text
    .replace(SHORTCODE, '')
    .replace(EMBED, (_match, target: string) => {
      found.embeds.push(target.trim());
      // A note embedded in a note reads as a link to it; an image is a reference only.
      if (!IMAGE_FILE.test(target.trim())) found.links.push(target.trim());
      return '';
    })
    .replace(WIKILINK, (_match, target: string, label?: string) => {
      found.links.push(target.trim());
      return (label ?? target.split('/').pop()!).trim();
    })
    .replace(HIGHLIGHT, '$1')
    .replace(INLINE_TAG, (_match, space: string, tag: string) => {
      found.tags.push(tag);
      return space;
    });
}

/** A relative link to another exported note (Notion, plain Markdown vaults) names that note. */
function noteLinkTarget(href: string): string | undefined {
  if (/^[a-z][\w+.-]*:/i.test(href) || href.startsWith('#')) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(href.split('#')[0]!);
  } catch {
    path = href;
  }
  if (!/\.(md|markdown|txt)$/i.test(path)) return undefined;
  return path.split('/').pop()!.replace(/\.[^.]+$/, '').replace(NOTION_ID, '').trim();
}

function inlineText(tokens: Token[] | undefined, fallback: string, found: Collected): string {
  if (!tokens) return decodeHTML(reduceExtensions(fallback, found));
  return tokens
    .map((token) => {
      switch (token.type) {
        case 'image':
        case 'html':
          return '';
        case 'br':
          return '\n';
        case 'codespan':
          return (token as Tokens.Codespan).text;
        case 'escape':
          return (token as Tokens.Escape).text;
        case 'link': {
          const link = token as Tokens.Link;
          const text = inlineText(link.tokens, link.text, found);
          const target = noteLinkTarget(link.href);
          if (target !== undefined) {
            found.links.push(target);
            return text;
          }
          return /^https?:/i.test(link.href) && link.href !== text ? `${text} (${link.href})` : text;
        }
        case 'strong':
        case 'em':
        case 'del':
          return inlineText((token as Tokens.Strong).tokens, (token as Tokens.Strong).text, found);
        case 'text':
          return 'tokens' in token && token.tokens ? inlineText(token.tokens, token.raw, found) : decodeHTML(reduceExtensions((token as Tokens.Text).text, found));
        default:
          return 'tokens' in token && token.tokens ? inlineText(token.tokens, token.raw, found) : token.raw;
      }
    })
    .join('');
}

function listText(list: Tokens.List, found: Collected, depth: number): string {
  const indent = '  '.repeat(depth);
  return list.items
    .map((item, i) => {
      const marker = list.ordered ? `${Number(list.start || 1) + i}.` : '-';
      const own = item.tokens.filter((t) => t.type !== 'list').map((t) => blockText(t, found)).filter(Boolean).join(' ');
      const nested = item.tokens.filter((t): t is Tokens.List => t.type === 'list').map((t) => listText(t, found, depth + 1));
      return [`${indent}${marker} ${own}`, ...nested].join('\n');
    })
    .join('\n');
}

function blockText(token: Token, found: Collected): string {
  switch (token.type) {
    case 'space':
    case 'hr':
      return '';
    case 'html':
      return decodeHTML((token as Tokens.HTML).text.replace(/<[^>]+>/g, '')).trim();
    case 'code': {
      const code = token as Tokens.Code;
      // Kept verbatim, and fenced, so that passages know it is code.
      return `\`\`\`${code.lang ?? ''}\n${code.text}\n\`\`\``;
    }
    case 'heading':
    case 'paragraph':
    case 'text':
      return inlineText((token as Tokens.Paragraph).tokens, (token as Tokens.Paragraph).text, found);
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.map((t) => blockText(t, found)).filter(Boolean).join('\n');
    case 'list':
      return listText(token as Tokens.List, found, 0);
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => `| ${cells.map((cell) => inlineText(cell.tokens, cell.text, found).replace(/\|/g, '\\|')).join(' | ')} |`;
      return [row(table.header), `|${table.header.map(() => '---').join('|')}|`, ...table.rows.map(row)].join('\n');
    }
    default:
      return token.raw.trim();
  }
}

/** Whitespace that collapsing to one space would change: a run, or any but a plain space. */
const UNEVEN_SPACE = /[^\S ]| {2}/;

/** Keeps the first of paragraphs repeated within one note (notes pasted twice are common). */
export function dropRepeatedParagraphs(paragraphs: string[]): string[] {
  if (paragraphs.length < 2) return paragraphs.filter((paragraph) => paragraph.trim() !== '');
  const seen = new Set<string>();
  return paragraphs.filter((paragraph) => {
    // Collapsing whitespace is a replace per space; most paragraphs have nothing to collapse.
    const key = (UNEVEN_SPACE.test(paragraph) ? paragraph.replace(/\s+/g, ' ') : paragraph).trim().toLowerCase();
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Callout markers (`> [!question] Title`) become a readable label. */
const labelCallouts = (source: string): string =>
  source.replace(CALLOUT, (_m, quote: string, type: string, title: string) => `${quote}**${type[0]!.toUpperCase()}${type.slice(1).toLowerCase()}${title ? `: ${title}` : ''}**\n${quote}`);

/** The block tokens of a Markdown text, with LaTeX lifted out so its _ and * are not emphasis. */
export function lexMarkdown(source: string): { tokens: Token[]; restore: (text: string) => string } {
  const math: string[] = [];
  const protectedSource = labelCallouts(source).replace(MATH, (formula) => `\u0000${math.push(formula) - 1}\u0000`);
  return { tokens: marked.lexer(protectedSource), restore: (text) => text.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => math[Number(i)]!) };
}

/**
 * A paragraph of links or tags alone, with at most a label ("see also [[Daily 2026-11-28]]",
 * "tags: #loss #regression", "related: [[MAE]], [[Huber loss]]"): how a vault links notes, not text.
 */
const NAVIGATION = /^(?:(?:see also|related|links?|tags?|up)\b\s*:?)?(?:[\s,;|·•-]*(?:!?\[\[[^\]]+\]\]|#[\p{L}\p{N}_/-]*\p{L}[\p{L}\p{N}_/-]*))+[\s,;|·•.-]*$/iu;

/** Clean text of block tokens; paragraphs separated by blank lines. */
export function cleanTokens(tokens: Token[], restore: (text: string) => string): CleanedMarkup {
  const found: Collected = { links: [], embeds: [], tags: [] };
  const paragraphs = tokens
    .map((token) => {
      const text = restore(blockText(token, found)).trim();
      // Its links and tags are collected above; only its text goes.
      return token.type === 'paragraph' && NAVIGATION.test(token.raw.trim()) ? '' : text;
    })
    .filter(Boolean);
  return { text: dropRepeatedParagraphs(paragraphs).join('\n\n'), ...found };
}

/** Clean text of a Markdown fragment without headings; paragraphs separated by blank lines. */
export function cleanMarkup(source: string): CleanedMarkup {
  const { tokens, restore } = lexMarkdown(source);
  return cleanTokens(tokens, restore);
}
