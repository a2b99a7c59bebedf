/**
 * A light English stemmer: plurals and the common -ing/-ed/-ly endings, nothing cleverer. Loss
 * names are short technical terms, and an aggressive stemmer (Porter) conflates too much of them
 * ("entropy"/"entropic", "normal"/"normalisation").
 */
const keep = new Set(['loss', 'less', 'class', 'gaussian', 'bias', 'focus', 'basis', 'analysis', 'axis', 'this', 'is', 'has', 'was', 'does', 'us', 'plus', 'minus', 'ssim', 'lasso', 'cross', 'kiss', 'always', 'perhaps', 'thus', 'means', 'series', 'species', 'news']);

export function stem(word: string): string {
  if (word.length <= 3 || keep.has(word) || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(ches|shes|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  if (word.endsWith('ing') && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length > 4) return undouble(word.slice(0, -2));
  if (word.endsWith('ly') && word.length > 5) return word.slice(0, -2);
  return word;
}

/** "weighted" → "weight", "scaled" → "scal", "stopped" → "stop". */
function undouble(base: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(base) && !/(ll|ss|ff)$/.test(base) ? base.slice(0, -1) : base;
}
