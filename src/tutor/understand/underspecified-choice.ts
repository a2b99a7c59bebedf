/**
 * "which loss is best?" with nothing to choose for: no task, data or loss named. The answer
 * depends on what the learner is fitting, so the tutor asks rather than picks a note.
 */
const bareChoice = new RegExp(
  [
    String.raw`^\s*(?:so\s+|ok(?:ay)?\s+|and\s+)?`,
    String.raw`(?:which|what)(?:'s|\s+is|\s+are)?\s+(?:the\s+)?(?:(?:best|right|correct|ideal|top)\s+)?loss(?:es)?(?:\s+functions?)?`,
    String.raw`(?:\s+(?:is|are)\s+(?:the\s+)?(?:best|better|right|ideal)|\s+should\s+i\s+(?:use|pick|choose)|\s+to\s+(?:use|pick|choose))?`,
    String.raw`(?:\s+(?:overall|in general|generally))?\s*[?？!.]*\s*$`,
  ].join(''),
  'iu',
);
const bareChoiceHan = /^\s*(?:哪(?:個|个|種|种)損失(?:函數)?最好|什麼損失(?:函數)?最好|最好的損失(?:函數)?是(?:哪(?:個|个|種|种)|什麼))\s*[?？]?\s*$/u;

export function asksChoiceWithoutTask(text: string): boolean {
  if (!/best|right|correct|ideal|top|should|use|pick|choose|最好/iu.test(text)) return false;
  return bareChoice.test(text) || bareChoiceHan.test(text);
}
