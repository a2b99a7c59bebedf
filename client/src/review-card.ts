/**
 * Under an open review card: the quiz's answer box, with Again/Hard/Good/Easy for the learner who
 * would rather grade themselves. A grade with a typed answer goes as "good: the answer"; the tutor
 * grades by the learner's word then, and still shows what the answer checker found.
 */
import { quizAnswerBox } from './quiz-card';

const GRADES = ['again', 'hard', 'good', 'easy'] as const;

export function reviewAnswerBox(reply: (text: string) => void, id: string): HTMLFormElement {
  const form = quizAnswerBox(reply, `review-${id}`);
  form.classList.add('review-answer');
  const box = form.querySelector('textarea')!;
  const grades = document.createElement('div');
  grades.className = 'review-grades';
  grades.setAttribute('role', 'group');
  grades.setAttribute('aria-label', 'Grade yourself');
  for (const grade of GRADES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `grade-button grade-${grade}`;
    button.textContent = grade[0]!.toUpperCase() + grade.slice(1);
    button.addEventListener('click', () => {
      const typed = box.value.trim();
      reply(typed === '' ? grade : `${grade}: ${typed}`);
      box.disabled = true;
    });
    grades.append(button);
  }
  form.append(grades);
  // Once the reply has gone (the box's own answer, skip, or a grade), nothing else may be sent for this card.
  const closeWhenSent = () => {
    if (box.disabled) for (const control of form.querySelectorAll('button')) control.disabled = true;
  };
  form.addEventListener('submit', closeWhenSent);
  form.addEventListener('click', closeWhenSent);
  return form;
}
