import { setUpCalculator } from './calculator-panel';
import { ChatConnection, type ServerFrame } from './chat-connection';
import { showItem, showItemList } from './item-panels';
import { MessageView, type AnswerFields } from './message-view';

const $ = <T extends HTMLElement>(selector: string): T => document.querySelector<T>(selector)!;

const status = $('#status');
const itemView = $('#item-view');
const question = $<HTMLTextAreaElement>('#question');

const openItem = (n: number): void => void showItem(itemView, n, ask, openItem);
const view = new MessageView($('#messages'), { openItem, rate: (id, rating) => connection.rate(id, rating) });

function onFrame(frame: ServerFrame): void {
  switch (frame.type) {
    case 'welcome':
      view.clear();
      for (const entry of frame['history'] as (Record<string, unknown> & { role: string; text: string })[]) {
        if (entry.role === 'user') view.addQuestion(entry.text);
        else view.addAnswer(entry as unknown as AnswerFields);
      }
      break;
    case 'delta':
      view.addDelta(String(frame['replyTo']), String(frame['text']));
      break;
    case 'answer':
      view.addAnswer(frame as unknown as AnswerFields, String(frame['replyTo']));
      break;
    case 'ack':
      view.acknowledge(String(frame['replyTo']));
      break;
    case 'error':
      status.textContent = String(frame['message']);
      break;
  }
}

const connection = new ChatConnection(onFrame, (text) => (status.textContent = text));

function ask(text: string): void {
  if (text.trim() === '') return;
  view.addQuestion(text);
  connection.ask(text);
}

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
$('#theme').addEventListener('click', () => {
  const root = document.documentElement;
  root.dataset['theme'] = root.dataset['theme'] === 'dark' ? 'light' : 'dark';
});
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
  button.addEventListener('click', () => {
    const panel = $(`#${button.dataset['view']}-view`);
    panel.hidden = !panel.hidden;
    button.setAttribute('aria-pressed', String(!panel.hidden));
  });
}

void showItemList(
  $<HTMLOListElement>('#item-list'),
  $<HTMLInputElement>('#item-filter'),
  (item) => ask(`I'm least confident about item #${item.item}: "${item.claim}". 1. Can you explain it? 2. How does it affect training?`),
  openItem,
);
setUpCalculator($<HTMLFormElement>('#calculator'), $('#calc-result'), $('#calc-plot'));
connection.open();
