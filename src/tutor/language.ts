/**
 * The language of a turn. A question with Han characters is answered in Chinese: Traditional, or
 * Simplified when the learner writes Simplified (the tutor writes Traditional, converted as the
 * answer is composed).
 */
import { toSimplified, toTraditional } from './chinese-script';

/** BCP 47 tags, as the notes' translations are keyed. */
export type Lang = 'en' | 'zh-Hant' | 'zh-Hans';

/** The language the phrasebooks and the notes' translations are written in for a turn's language. */
export type WritingLang = 'en' | 'zh-Hant';

const han = /\p{Script=Han}/u;

/** The turn's language; Han text written the same in both scripts ("gamma 改成 0 呢？") keeps the conversation's script. */
export function detectLanguage(text: string, conversation?: Lang): Lang {
  if (!han.test(text)) return 'en';
  // Simplified text changes when converted to Traditional; Traditional changes the other way.
  const simplifiedChars = countChanged(text, toTraditional(text));
  const traditionalChars = countChanged(text, toSimplified(text));
  if (simplifiedChars === traditionalChars && conversation !== undefined && conversation !== 'en') return conversation;
  return simplifiedChars > traditionalChars ? 'zh-Hans' : 'zh-Hant';
}

function countChanged(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  return left.filter((char, i) => char !== right[i]).length;
}

export const writingLang = (lang: Lang): WritingLang => (lang === 'en' ? 'en' : 'zh-Hant');
