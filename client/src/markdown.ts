import DOMPurify from 'dompurify';
import katex from 'katex';
import { marked } from 'marked';

const MATH = /\$\$([\s\S]+?)\$\$|\$([^\s$](?:[^$\n]*?[^\s$])?)\$/g;

/**
 * Markdown from the tutor (or a note) to safe HTML: formulas are lifted out and typeset by KaTeX,
 * the rest goes through marked and then DOMPurify, so HTML or script in a question or a note is shown
 * as text or dropped, never run. KaTeX's own output is inserted after sanitising; it escapes its input.
 */
export function renderMarkdown(source: string): string {
  const formulas: string[] = [];
  const lifted = source.replace(MATH, (_match, display: string | undefined, inline: string | undefined) => {
    formulas.push(katex.renderToString(display ?? inline ?? '', { displayMode: display !== undefined, throwOnError: false, output: 'htmlAndMathml' }));
    return `@@MATH${formulas.length - 1}@@`;
  });
  const html = DOMPurify.sanitize(marked.parse(lifted, { async: false }));
  return html.replace(/@@MATH(\d+)@@/g, (_match, index: string) => formulas[Number(index)] ?? '');
}
