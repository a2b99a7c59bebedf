import { setUpCalculator } from './calculator-panel';
import { ChatConnection, type ServerFrame } from './chat-connection';
import { icon } from './icons';
import { showItem, showItemList } from './item-panels';
import { MessageView, type AnswerFields } from './message-view';
import { forgetItems } from './item-cache';
import { setUpNotebookPanel } from './notebook-panel';
import { watchWideFormulas } from './scrollable-formulas';
import { showWelcome } from './welcome';
import { dueNotice, showProgress } from './progress-view';

const $ = <T extends HTMLElement>(selector: string): T => document.querySelector<T>(selector)!;

const status = $('#status');
const itemView = $('#item-view');
const question = $<HTMLTextAreaElement>('#question');
const messages = $('#messages');
const stopButton = $<HTMLButtonElement>('#stop');
const progressView = $('#progress-view');

const openItem = (n: number, passageId?: string): void => void showItem(itemView, n, ask, openItem, passageId);
const view = new MessageView(messages, { openItem, rate: (id, rating) => connection.rate(id, rating), ask: (text) => ask(text) });

/** The questions sent and not yet answered, oldest first: the stop button stops the oldest's stream. */
const pending: string[] = [];
const showStop = () => (stopButton.hidden = pending.length === 0);

function settle(replyTo: string): void {
  const index = pending.indexOf(replyTo);
  if (index >= 0) pending.splice(index, 1);
  showStop();
}

/** The line on the learner's due cards, from a welcome's or an answer's `study`. */
function showDue(study: unknown): void {
  const due = (study as { due?: unknown } | undefined)?.due;
  $('#study-notice').replaceChildren(...(typeof due === 'number' ? [dueNotice(due, ask)] : []));
}

function onFrame(frame: ServerFrame): void {
  switch (frame.type) {
    case 'welcome': {
      view.clear();
      const history = frame['history'] as (Record<string, unknown> & { role: string; text: string })[];
      for (const entry of history) {
        if (entry.role === 'user') view.addQuestion(entry.text);
        else view.addAnswer(entry as unknown as AnswerFields);
      }
      welcomeNotebook = frame['notebook'] as { name: string } | undefined;
      if (history.length === 0) void showWelcome(messages, ask, openItem, welcomeNotebook);
      showDue(frame['study']);
      break;
    }
    case 'delta':
      view.addDelta(String(frame['replyTo']), String(frame['text']));
      break;
    case 'answer':
      view.addAnswer(frame as unknown as AnswerFields, String(frame['replyTo']));
      settle(String(frame['replyTo']));
      // The answer of a learner's turn says how many cards are due after it: the welcome's line follows.
      if (frame['study'] !== undefined) showDue(frame['study']);
      if (!progressView.hidden) void showProgress(progressView, ask);
      break;
    case 'ack':
      view.acknowledge(String(frame['replyTo']));
      break;
    case 'error':
      status.textContent = String(frame['message']);
      if (frame['replyTo'] !== undefined) settle(String(frame['replyTo']));
      break;
  }
}

const connection = new ChatConnection(onFrame, (text) => (status.textContent = text));

function ask(text: string): void {
  if (text.trim() === '') return;
  messages.querySelector('.welcome')?.remove();
  view.addQuestion(text);
  pending.push(connection.ask(text));
  showStop();
}

stopButton.replaceChildren(icon('stop'), ' Stop');
stopButton.addEventListener('click', () => {
  const replyTo = pending[0];
  if (replyTo === undefined) return;
  view.stop(replyTo);
  settle(replyTo);
  question.focus();
});

$<HTMLFormElement>('#composer').addEventListener('submit', (event) => {
  event.preventDefault();
  ask(question.value);
  question.value = '';
});
// Enter sends; Shift+Enter breaks the line.
question.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $<HTMLFormElement>('#composer').requestSubmit();
  }
});

$('#new-conversation').addEventListener('click', () => connection.restart());

const THEME_KEY = 'loss-tutor.theme';
const applyTheme = (theme: string | null) => {
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset['theme'] = theme;
  $('#theme').setAttribute('aria-pressed', String(currentTheme() === 'dark'));
};
const currentTheme = () => document.documentElement.dataset['theme'] ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
applyTheme(localStorage.getItem(THEME_KEY));
$('#theme').addEventListener('click', () => {
  const next = currentTheme() === 'dark' ? 'light' : 'dark';
  localStorage.setItem(THEME_KEY, next);
  applyTheme(next);
});

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
  button.addEventListener('click', () => {
    const panel = $(`#${button.dataset['view']}-view`);
    panel.hidden = !panel.hidden;
    button.setAttribute('aria-pressed', String(!panel.hidden));
    if (panel === progressView && !panel.hidden) void showProgress(progressView, ask);
  });
}
// Escape closes the item panel and gives the focus back to the question box.
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !itemView.hidden && itemView.contains(document.activeElement)) {
    itemView.hidden = true;
    question.focus();
  }
});

const listItems = () =>
  void showItemList(
    $<HTMLOListElement>('#item-list'),
    $<HTMLInputElement>('#item-filter'),
    (item) => ask(`I'm least confident about item #${item.item}: "${item.claim}". 1. Can you explain it? 2. How does it affect training?`),
    openItem,
  );
listItems();
let welcomeNotebook: { name: string } | undefined;
// The notebook's items changed: the item list and an unanswered welcome are drawn again from them.
setUpNotebookPanel($('#notebook-view'), () => {
  forgetItems();
  listItems();
  if (messages.querySelector('.welcome')) {
    messages.replaceChildren();
    void showWelcome(messages, ask, openItem, welcomeNotebook);
  }
});
setUpCalculator($<HTMLFormElement>('#calculator'), $('#calc-result'), $('#calc-plot'));
watchWideFormulas(messages);
watchWideFormulas(itemView);
connection.open();
