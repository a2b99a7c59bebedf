import { fetchItem, fetchItems, type ItemDetail, type ItemSummary } from './item-cache';

/** How many item details the welcome reads to find one with a worked example in its notes. */
const EXAMPLE_LOOKUPS = 12;

const numbers = (value: unknown): number[] | undefined => (Array.isArray(value) && value.every((v) => typeof v === 'number') ? (value as number[]) : undefined);

/** A worked example in the words of the notes' own example: its loss, its targets and predictions. */
function exampleQuestion(item: ItemDetail): string | undefined {
  const example = item.example;
  const yTrue = numbers(example?.inputs?.yTrue);
  const yPred = numbers(example?.inputs?.yPred);
  if (!example || !yTrue || !yPred || example.loss === 'combined') return undefined;
  return `What is the ${example.loss.toUpperCase()} of targets ${yTrue.join(', ')} and predictions ${yPred.join(', ')}?`;
}

async function firstDetails(items: ItemSummary[]): Promise<ItemDetail[]> {
  const details = await Promise.all(items.slice(0, EXAMPLE_LOOKUPS).map((item) => fetchItem(item.item).catch(() => undefined)));
  return details.filter((detail): detail is ItemDetail => detail !== undefined);
}

/** Three or four questions from the notes themselves: one item by number, one worked example, a quiz. */
export async function suggestedQuestions(items: ItemSummary[]): Promise<string[]> {
  if (items.length === 0) return [];
  const named = items.find((item) => item.item === 35) ?? items[Math.floor(items.length / 2)]!;
  const second = items.find((item) => item.item !== named.item && /focal|cross.entropy/i.test(item.title)) ?? items.find((item) => item.item !== named.item)!;
  const questions = [`Explain item #${named.item}: ${named.title}`];
  const details = await firstDetails(items);
  const example = details.map(exampleQuestion).find((question) => question !== undefined);
  if (example) questions.push(example);
  if (second) questions.push(`When should I use ${second.title.replace(/\s*\(.*\)$/, '')}?`);
  const quizzed = details.find((detail) => (detail.quiz?.length ?? 0) > 0);
  if (quizzed) questions.push(`Quiz me on item ${quizzed.item}`);
  return questions;
}

/** Three items to name: the first, #27 and #35 when the notes have them, else ones from the middle and the end. */
function fewOf(items: ItemSummary[]): ItemSummary[] {
  const picked = [items[0], items.find((i) => i.item === 27), items.find((i) => i.item === 35), items[Math.floor(items.length / 2)], items.at(-1)];
  return [...new Set(picked.filter((i): i is ItemSummary => i !== undefined))].slice(0, 3);
}

/** The first screen: what the notes (or the notebook) hold, a few items named, and questions to click. */
export async function showWelcome(container: HTMLElement, ask: (text: string) => void, openItem: (n: number) => void, notebook?: { name: string }): Promise<void> {
  const items = await fetchItems();
  const section = document.createElement('section');
  section.className = 'welcome';
  section.setAttribute('aria-labelledby', 'welcome-heading');
  const heading = document.createElement('h2');
  heading.id = 'welcome-heading';
  heading.textContent = notebook ? `Ask about ${notebook.name}` : 'Ask about loss functions, from your notes';
  const holds = document.createElement('p');
  if (items.length === 0) {
    holds.textContent = 'This notebook holds no notes yet: open Notebook to drop files, a folder or a .zip of a vault, or paste a numbered list.';
    section.append(heading, holds);
    if (container.childElementCount === 0) container.append(section);
    return;
  }
  holds.append(`${notebook ? 'This notebook' : 'The knowledge base'} holds ${items.length} numbered items, from #${items[0]?.item ?? 0} to #${items.at(-1)?.item ?? 0}, among them `);
  const few = fewOf(items);
  few.forEach((item, i) => {
    const link = document.createElement('button');
    link.type = 'button';
    link.className = 'link';
    link.textContent = `#${item.item} ${item.title}`;
    link.addEventListener('click', () => openItem(item.item));
    holds.append(...(i > 0 ? [i === few.length - 1 ? ' and ' : ', '] : []), link);
  });
  holds.append('. Every number in a worked example comes from the calculator.');
  const list = document.createElement('ul');
  list.className = 'suggestions';
  list.setAttribute('aria-label', 'Suggested questions');
  for (const question of await suggestedQuestions(items)) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'suggestion';
    button.textContent = question;
    button.addEventListener('click', () => ask(question));
    li.append(button);
    list.append(li);
  }
  section.append(heading, holds, list);
  // A question asked while the items were fetched has started the conversation: no welcome then.
  if (container.childElementCount === 0) container.append(section);
}
