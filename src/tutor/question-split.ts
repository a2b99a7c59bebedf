/**
 * One message, several questions: numbered lists ("1." "2)" "3、") or several question marks
 * (full-width ？ too) become one part each, in order. What comes before the first question
 * (the "I'm least confident about…" preamble) is context, not a part.
 */
export interface SplitMessage {
  preamble: string;
  parts: string[];
}

// A list marker starts the text, a line, or follows the end of a sentence; "0.7" never matches.
const listMarker = /(?:^|\n|(?<=[.!?:;。！？：；])\s*)\s*[(（]?(\d{1,2})[.)、．）](?=\s|\p{Script=Han})/gu;

/** "…model performance?\n\nPlease help me understand!" → the question without the sign-off after it. */
function withoutClosingRemark(part: string): string {
  const lastMark = Math.max(part.lastIndexOf('?'), part.lastIndexOf('？'));
  return (lastMark >= 0 ? part.slice(0, lastMark + 1) : part).trim();
}

function splitNumberedList(text: string): SplitMessage | undefined {
  const markers = [...text.matchAll(listMarker)].map((m) => ({ n: Number(m[1]), start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  // Keep the longest run 1, 2, 3, ... so a stray "2." elsewhere does not split the message.
  const run: typeof markers = [];
  for (const marker of markers) {
    if (marker.n === run.length + 1) run.push(marker);
  }
  if (run.length < 2) return undefined;
  const parts = run.map((marker, i) => withoutClosingRemark(text.slice(marker.end, run[i + 1]?.start ?? text.length)));
  return { preamble: text.slice(0, run[0]?.start ?? 0).trim(), parts };
}

const sentenceEnd = /(?<=[.!?])\s+|(?<=[。！？?])/u;

function splitQuestionMarks(text: string): SplitMessage {
  const sentences = text.split(sentenceEnd).map((s) => s.trim()).filter((s) => s.length > 0);
  const isQuestion = (s: string): boolean => /[?？]\s*$/.test(s);
  const questions = sentences.filter(isQuestion);
  if (questions.length < 2) return { preamble: '', parts: [text.trim()] };
  const first = sentences.findIndex(isQuestion);
  return { preamble: sentences.slice(0, first).join(' '), parts: questions };
}

export function splitQuestions(text: string): SplitMessage {
  return splitNumberedList(text) ?? splitQuestionMarks(text);
}
