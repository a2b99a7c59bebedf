/**
 * Traditional and Simplified Chinese: the tutor writes Traditional (the bundled translations are
 * Traditional) and converts, character and phrase by phrase, with OpenCC's dictionaries. The
 * dictionaries take a second to load, so they are loaded on the first Chinese turn, not at start.
 */
import type { ConverterFunction } from 'opencc-js';

let converters: { toSimplified: ConverterFunction; toTraditional: ConverterFunction } | undefined;

function load(): NonNullable<typeof converters> {
  if (!converters) {
    // Required here rather than imported at the top: a process that never sees Chinese never pays for it.
    const { Converter } = require('opencc-js') as typeof import('opencc-js');
    converters = { toSimplified: Converter({ from: 'tw', to: 'cn' }), toTraditional: Converter({ from: 'cn', to: 'tw' }) };
  }
  return converters;
}

export const toSimplified = (text: string): string => load().toSimplified(text);
export const toTraditional = (text: string): string => load().toTraditional(text);
