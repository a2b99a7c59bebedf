/**
 * The tutor writes every number with the calculator's own formatNumber, so a number in an answer
 * reads exactly as in the calculator's worked steps, and tests can find each one again.
 */
import { formatNumber } from '../core/index';

export { formatNumber };

export type Printable = number | readonly Printable[];

export function formatValue(value: Printable): string {
  return typeof value === 'number' ? formatNumber(value) : `[${value.map(formatValue).join(', ')}]`;
}

/** Every number a text shows, as written (the inverse of formatNumber for scanning answers). */
export function numbersInText(text: string): string[] {
  return [...text.matchAll(/(?<![A-Za-z_\d.])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?(?![A-Za-z_\d])/g)].map((m) => m[0]);
}
