/**
 * How learners name items by number, and what must not be read as naming one: one table that the
 * grammar's own tests, the search and the tutor all run, so the three cannot disagree again.
 */
export const namingPhrasings: readonly (readonly [string, readonly number[]])[] = [
  ['explain item 35', [35]],
  ['what does #35 say', [35]],
  ['what does ＃３５ say', [35]],
  ['explain item #35', [35]],
  ['explain ｉｔｅｍ　３５', [35]],
  ["what is item 35's main idea", [35]],
  ['explain items 35', [35]],
  ['explain items 35 and 36', [35, 36]],
  ['what is in notes 35, 36 and 37', [35, 36, 37]],
  ['explain item 35 vs 36', [35, 36]],
  ['explain #35-#37', [35, 36, 37]],
  ['explain items 35–37', [35, 36, 37]],
  ['explain items 35 to 37', [35, 36, 37]],
  ['tell me about the 35th one', [35]],
  ['tell me about the 35th item', [35]],
  ['explain no. 35', [35]],
  ['explain number 35', [35]],
  ['explain fact 12', [12]],
  ['explain entry 12', [12]],
  ['what does point 12 mean', [12]],
  ['第35條是什麼', [35]],
  ['第 35 項是什麼', [35]],
  ['第３５條是什麼', [35]],
  ['第35条是什么', [35]],
  ['解釋第35、36條', [35, 36]],
  ['解釋第35至37條', [35, 36, 37]],
];

/** Numbers beside nouns or a "#" that do not name an item. */
export const notNaming: readonly string[] = [
  'what are the top 5 items to know about focal loss',
  'I only have 5 notes on MSE',
  'what changed in 2024',
  'what is the #1 reason to use MAE',
  'the #2 cause of exploding losses',
  'how do I write MSE in C# 10',
  'what is the 35th percentile of the errors',
  'is the 2nd one better',
  'the loss at point 0.5 of the curve',
];
