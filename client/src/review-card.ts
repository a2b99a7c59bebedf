/**
 * Under an open review card: an answer box, and Again/Hard/Good/Easy for the learner who would
 * rather grade themselves. A grade with a typed answer goes as "good: the answer"; the tutor grades
 * by the learner's word then, and still shows what the answer checker found.
 */
const GRADES = ['again', 'hard', 'good', 'easy'] as const;

export function reviewAnswerBox(reply: (text: string) => void, id: string): HTMLFormElement {
  const form = document.createElement('form');
  form.className = 'review-answer';
  const label = document.createElement('label');
  label.htmlFor = `review-${id}`;
  label.textContent = 'Your answer (or grade yourself)';
  const box = document.createElement('textarea');
  box.id = `review-${id}`;
  box.rows = 2;
  const send = document.createElement('button');
  send.type = 'submit';
  send.textContent = 'Answer';
  const grades = document.createElement('div');
  grades.className = 'review-grades';
  grades.setAttribute('role', 'group');
  grades.setAttribute('aria-label', 'Grade yourself');
  const buttons = GRADES.map((grade) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `grade-button grade-${grade}`;
    button.textContent = grade[0]!.toUpperCase() + grade.slice(1);
    button.addEventListener('click', () => {
      const typed = box.value.trim();
      reply(typed === '' ? grade : `${grade}: ${typed}`);
      done();
    });
    return button;
  });
  const done = () => {
    for (const control of [box, send, ...buttons]) control.disabled = true;
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
  grades.append(...buttons);
  form.append(label, box, send, grades);
  return form;
}
