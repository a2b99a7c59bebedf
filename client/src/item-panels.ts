import { iconButton } from './icons';
import { fetchItem, fetchItems, type ItemDetail, type ItemSummary } from './item-cache';
import { renderMarkdown } from './markdown';
import { focusableWideFormulas } from './scrollable-formulas';

/** The numbered items, filtered as the learner types; each can start the conversation about it. */
export async function showItemList(list: HTMLOListElement, filter: HTMLInputElement, startConversation: (item: ItemSummary) => void, openItem: (n: number) => void): Promise<void> {
  const items = await fetchItems();
  const render = () => {
    const words = filter.value.toLowerCase().trim();
    list.replaceChildren(
      ...items
        .filter((item) => words === '' || `${item.item} ${item.title} ${item.claim}`.toLowerCase().includes(words))
        .map((item) => {
          const li = document.createElement('li');
          const open = document.createElement('button');
          open.type = 'button';
          open.textContent = `#${item.item} ${item.title}`;
          open.addEventListener('click', () => openItem(item.item));
          const claim = document.createElement('span');
          claim.className = 'claim';
          claim.textContent = item.claim;
          const unsure = document.createElement('button');
          unsure.type = 'button';
          unsure.textContent = "I'm not sure about this one";
          unsure.addEventListener('click', () => startConversation(item));
          li.append(open, claim, unsure);
          return li;
        }),
    );
  };
  filter.addEventListener('input', render);
  render();
}

/** The item's text passage by passage, each addressable, so a citation can point at one. */
function passagesOf(item: ItemDetail): HTMLElement {
  const body = document.createElement('div');
  body.className = 'item-body';
  if (!item.passages) {
    body.innerHTML = renderMarkdown(item.sections.map((s) => `### ${s.heading}\n\n${s.text}`).join('\n\n'));
    return body;
  }
  let section: string | undefined;
  for (const passage of item.passages) {
    if (passage.section !== section) {
      section = passage.section;
      const heading = document.createElement('h3');
      heading.textContent = section;
      body.append(heading);
    }
    const block = document.createElement('div');
    block.className = `passage passage-${passage.kind}`;
    block.dataset['passageId'] = passage.id;
    block.innerHTML = renderMarkdown(passage.text);
    body.append(block);
  }
  return body;
}

/** One item beside the chat: its claim, its passages (the cited one highlighted), related items, a way to ask. */
export async function showItem(panel: HTMLElement, number: number, ask: (text: string) => void, openItem: (n: number) => void, passageId?: string): Promise<void> {
  const item = await fetchItem(number).catch(() => undefined);
  panel.hidden = false;
  if (!item) {
    panel.textContent = `Item ${number} could not be opened: it is not in the knowledge base, or the server did not answer. Try again.`;
    return;
  }
  const heading = document.createElement('h2');
  heading.textContent = `#${item.item} ${item.title}`;
  const claim = document.createElement('blockquote');
  claim.textContent = item.claim;
  const related = document.createElement('p');
  for (const n of item.related) {
    const link = document.createElement('button');
    link.type = 'button';
    link.className = 'chip';
    link.textContent = `#${n}`;
    link.setAttribute('aria-label', `Open item ${n}`);
    link.addEventListener('click', () => void openItem(n));
    related.append(link, ' ');
  }
  const askButton = document.createElement('button');
  askButton.type = 'button';
  askButton.textContent = 'Ask about this item';
  askButton.addEventListener('click', () => ask(`Explain item #${item.item}: "${item.claim}"`));
  const close = iconButton('close', 'Close the item');
  close.addEventListener('click', () => (panel.hidden = true));
  const head = document.createElement('div');
  head.className = 'panel-head';
  head.append(heading, close);
  const body = passagesOf(item);
  panel.replaceChildren(head, claim, askButton, body, related);
  focusableWideFormulas(body);
  const cited = passageId ? body.querySelector<HTMLElement>(`[data-passage-id="${CSS.escape(passageId)}"]`) : null;
  if (cited) {
    cited.classList.add('cited');
    cited.tabIndex = -1;
    cited.scrollIntoView({ block: 'center' });
    cited.focus({ preventScroll: true });
  } else {
    heading.tabIndex = -1;
    heading.focus();
  }
}
