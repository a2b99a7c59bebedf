/**
 * Numbers as a reader takes them in: digits grouped in threes, long decimals cut to a sensible
 * precision; the exact value the calculator produced stays on hover (title) and for screen readers.
 */
const grouping = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 7, useGrouping: true });
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

export function readableNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return value.toExponential(4).replace(/\.?0+e/, 'e');
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return abs >= 1 ? grouping.format(value) : small.format(value);
}

/** A number of five or more digits, or with more than four decimals: plain text an answer holds. */
const LONG_NUMBER = /(?<![\w.#§,])-?(?:\d{5,}(?:\.\d+)?|\d+\.\d{5,})(?:e[+-]?\d+)?(?![\w]|[.,]\d)/g;

/** Wraps the long numbers in a rendered answer's text (never in code or typeset formulas). */
export function formatNumbersIn(root: HTMLElement): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('code, pre, .katex, .num, textarea') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  for (const text of texts) {
    const source = text.data;
    LONG_NUMBER.lastIndex = 0;
    if (!LONG_NUMBER.test(source)) continue;
    LONG_NUMBER.lastIndex = 0;
    const pieces: (string | HTMLElement)[] = [];
    let last = 0;
    for (const match of source.matchAll(LONG_NUMBER)) {
      pieces.push(source.slice(last, match.index));
      pieces.push(numberSpan(Number(match[0]), match[0]));
      last = match.index + match[0].length;
    }
    pieces.push(source.slice(last));
    text.replaceWith(...pieces);
  }
}

export function numberSpan(value: number, exact = String(value)): HTMLElement {
  const span = document.createElement('span');
  span.className = 'num';
  span.textContent = readableNumber(value);
  if (span.textContent !== exact) span.title = exact;
  return span;
}
