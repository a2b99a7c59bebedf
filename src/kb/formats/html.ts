import { DomUtils, parseDocument as parseHtml } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from '../document';
import { titleFromFileName } from '../raw-note';
import { emptyFile, extensionOf, type NoteFormat } from './note-format';

/** Page furniture that is never the content a learner saved the page for. */
const FURNITURE = new Set(['script', 'style', 'noscript', 'nav', 'footer', 'header', 'aside', 'form', 'button', 'iframe', 'svg', 'template', 'head']);
const FURNITURE_CLASS = /cookie|consent|banner|sidebar|navbar|menu|breadcrumb|advert|share|newsletter|popup|modal|comments?\b|\bmeta\b|byline|post-date|author/i;

const isElement = (node: ChildNode): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style';
const escapeMarkdown = (text: string): string => text.replace(/([\\`*_[\]<>|$])/g, '\\$1');

function isFurniture(element: Element): boolean {
  if (FURNITURE.has(element.name)) return true;
  const label = `${element.attribs['class'] ?? ''} ${element.attribs['id'] ?? ''} ${element.attribs['role'] ?? ''}`;
  return FURNITURE_CLASS.test(label) || element.attribs['role'] === 'navigation' || element.attribs['aria-hidden'] === 'true';
}

function inline(nodes: ChildNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return escapeMarkdown(node.data.replace(/\s+/g, ' '));
      if (!isElement(node) || isFurniture(node)) return '';
      if (node.name === 'br') return '\n';
      if (node.name === 'code') return `\`${DomUtils.textContent(node)}\``;
      if (node.name === 'a' && /^https?:/.test(node.attribs['href'] ?? '')) return `[${inline(node.children)}](${node.attribs['href']})`;
      if (node.name === 'strong' || node.name === 'b') return `**${inline(node.children)}**`;
      if (node.name === 'em' || node.name === 'i') return `*${inline(node.children)}*`;
      if (node.name === 'img') return '';
      return inline(node.children);
    })
    .join('');
}

function table(element: Element): string {
  const rows = DomUtils.findAll((e) => e.name === 'tr', element.children);
  const cells = rows.map((row) => row.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th')).map((c) => inline(c.children).trim().replace(/\|/g, '\\|')));
  if (cells.length === 0) return '';
  const width = Math.max(...cells.map((r) => r.length));
  const line = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => r[i] ?? '').join(' | ')} |`;
  return [line(cells[0]!), `|${Array.from({ length: width }, () => '---').join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

/** The page's content as Markdown, block by block. */
function blocks(nodes: ChildNode[]): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.data.trim()) out.push(escapeMarkdown(node.data.trim().replace(/\s+/g, ' ')));
      continue;
    }
    if (!isElement(node) || isFurniture(node)) continue;
    const heading = /^h([1-6])$/.exec(node.name);
    if (heading) out.push(`${'#'.repeat(Number(heading[1]))} ${inline(node.children).trim()}`);
    else if (node.name === 'p' || node.name === 'blockquote') out.push(inline(node.children).trim());
    else if (node.name === 'pre') out.push(`\`\`\`\n${DomUtils.textContent(node).replace(/\n$/, '')}\n\`\`\``);
    else if (node.name === 'table') out.push(table(node));
    else if (node.name === 'ul' || node.name === 'ol') {
      const items = node.children.filter((c): c is Element => isElement(c) && c.name === 'li');
      out.push(items.map((li, i) => `${node.name === 'ol' ? `${i + 1}.` : '-'} ${inline(li.children).trim()}`).join('\n'));
    } else out.push(...blocks(node.children));
  }
  return out.filter(Boolean);
}

/** HTML pages (saved from a browser or exported): the main content only, entities decoded, tables and code kept. */
export const html: NoteFormat = {
  name: 'html',
  recognise: (file) => ['html', 'htm', 'xhtml'].includes(extensionOf(file.source)),
  parse(file) {
    const document = parseHtml(file.text);
    const main =
      DomUtils.findOne((e) => e.name === 'main' || e.attribs['role'] === 'main', document.children) ??
      DomUtils.findOne((e) => e.name === 'article', document.children) ??
      DomUtils.findOne((e) => e.name === 'body', document.children) ??
      document;
    const body = blocks(main.children).join('\n\n');
    if (body.trim() === '') return emptyFile(file.source, 'has no readable content');
    const pageTitle = DomUtils.findOne((e) => e.name === 'title', document.children);
    const title = pageTitle ? DomUtils.textContent(pageTitle).split(/\s[—|–-]\s/)[0]!.trim() : titleFromFileName(file.source);
    return { notes: parseDocument(file.source, body, {}, { title }), problems: [] };
  },
};
