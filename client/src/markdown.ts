import DOMPurify from 'dompurify';
import katex from 'katex';
import { marked } from 'marked';

const MATH = /\$\$([\s\S]+?)\$\$|\$([^\s$](?:[^$\n]*?[^\s$])?)\$/g;
// Private-use characters: no note or answer writes them, so a placeholder is never forged by the text itself.
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

interface Formula {
  tex: string;
  html: string;
}

/** Each placeholder in a text node becomes the formula's KaTeX output (KaTeX escapes its input). */
function typesetTextNodes(root: DocumentFragment, formulas: Formula[]): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if ((node as Text).data.includes('\uE000')) texts.push(node as Text);
  for (const text of texts) {
    const pieces = document.createDocumentFragment();
    let last = 0;
    for (const match of text.data.matchAll(PLACEHOLDER)) {
      pieces.append(text.data.slice(last, match.index));
      const formula = document.createElement('template');
      formula.innerHTML = formulas[Number(match[1])]?.html ?? '';
      pieces.append(formula.content);
      last = match.index + match[0].length;
    }
    pieces.append(text.data.slice(last));
    text.replaceWith(pieces);
  }
}

/** A placeholder inside an attribute (a link's address, a title) gets the formula's source as plain text. */
function restoreAttributes(root: DocumentFragment, formulas: Formula[]): void {
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of [...element.attributes]) {
      if (attribute.value.includes('\uE000')) element.setAttribute(attribute.name, attribute.value.replace(PLACEHOLDER, (_m, i: string) => formulas[Number(i)]?.tex ?? ''));
    }
  }
}

/**
 * Markdown from the tutor (or a note) to safe HTML: formulas are lifted out, the rest goes through
 * marked and then DOMPurify, so HTML or script in a question or a note is shown as text or dropped,
 * never run. The formulas go back into text nodes only, as DOM, after sanitising: spliced into the
 * HTML string, one that sat inside an attribute could end the attribute and start another.
 */
export function renderMarkdown(source: string): string {
  const formulas: Formula[] = [];
  const lifted = source.replace(/[\uE000\uE001]/g, '').replace(MATH, (_match, display: string | undefined, inline: string | undefined) => {
    const tex = display ?? inline ?? '';
    formulas.push({ tex, html: katex.renderToString(tex, { displayMode: display !== undefined, throwOnError: false, output: 'htmlAndMathml' }) });
    return `\uE000${formulas.length - 1}\uE001`;
  });
  const page = document.createElement('template');
  page.innerHTML = DOMPurify.sanitize(marked.parse(lifted, { async: false }));
  typesetTextNodes(page.content, formulas);
  restoreAttributes(page.content, formulas);
  return page.innerHTML;
}
