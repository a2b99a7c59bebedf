/**
 * Traditional and Simplified Chinese: the tutor writes Traditional (the bundled translations are
 * Traditional) and converts, character and phrase by phrase, with OpenCC's dictionaries.
 */
import { Converter } from 'opencc-js';

export const toSimplified: (text: string) => string = Converter({ from: 'tw', to: 'cn' });
export const toTraditional: (text: string) => string = Converter({ from: 'cn', to: 'tw' });
