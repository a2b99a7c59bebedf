import { icon } from './icons';

/** A quiz question from the tutor starts with its heading, `**Quiz · #6 · …**` (or its translation). */
const QUIZ_HEADING = /^\*\*[^*\n]{1,12} · #\d+ · [^*\n]+\*\*/;

export const isQuizTurn = (text: string): boolean => QUIZ_HEADING.test(text);

/** A quiz turn that asks (a graded reply carries its mark, right or wrong). */
export const isOpenQuestion = (text: string): boolean => isQuizTurn(text) && !/^[✅❌]/mu.test(text);

/** The answer box under an open quiz question: the reply goes to the tutor as the next message. */
export function quizAnswerBox(reply: (text: string) => void, id: string): HTMLFormElement {
  const form = document.createElement('form');
  form.className = 'quiz-answer';
  const label = document.createElement('label');
  label.htmlFor = `quiz-${id}`;
  label.textContent = 'Your answer';
  const box = document.createElement('textarea');
  box.id = `quiz-${id}`;
  box.rows = 2;
  const send = document.createElement('button');
  send.type = 'submit';
  send.textContent = 'Answer';
  const skip = document.createElement('button');
  skip.type = 'button';
  skip.textContent = 'Skip';
  const done = () => {
    box.disabled = send.disabled = skip.disabled = true;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (box.value.trim() === '') return box.focus();
    reply(box.value);
    done();
  });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  skip.addEventListener('click', () => {
    reply('skip');
    done();
  });
  form.append(label, box, send, skip);
  return form;
}

const GRADE_MARKS: Record<string, { name: 'check' | 'close'; label: string }> = { '✅': { name: 'check', label: 'right' }, '❌': { name: 'close', label: 'wrong' } };

/** The tutor marks a graded reply with ✅ or ❌; drawn as SVG, since an emoji font may be missing. */
export function drawGradeMarks(root: HTMLElement): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const marked: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (/[✅❌]/u.test((node as Text).data)) marked.push(node as Text);
  for (const text of marked) {
    text.replaceWith(
      ...text.data.split(/([✅❌])/u).map((piece) => {
        const mark = GRADE_MARKS[piece];
        if (!mark) return piece;
        const span = document.createElement('span');
        span.className = `grade grade-${mark.label}`;
        span.setAttribute('role', 'img');
        span.setAttribute('aria-label', mark.label);
        span.append(icon(mark.name));
        return span;
      }),
    );
  }
}
