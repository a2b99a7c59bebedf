import { renderMarkdown } from './markdown';

interface ItemSummary {
  item: number;
  title: string;
  claim: string;
}

interface ItemDetail extends ItemSummary {
  sections: { heading: string; text: string }[];
  related: number[];
}

/** The numbered items, filtered as the learner types; each can start the conversation about it. */
export async function showItemList(list: HTMLOListElement, filter: HTMLInputElement, startConversation: (item: ItemSummary) => void, openItem: (n: number) => void): Promise<void> {
  const items = (await (await fetch('/api/items')).json()) as ItemSummary[];
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

/** One item beside the chat: its claim, its sections, related items, and a way to ask about it. */
export async function showItem(panel: HTMLElement, number: number, ask: (text: string) => void, openItem: (n: number) => void): Promise<void> {
  const response = await fetch(`/api/items/${number}`);
  panel.hidden = false;
  if (!response.ok) {
    panel.textContent = `Item ${number} is not in the knowledge base.`;
    return;
  }
  const item = (await response.json()) as ItemDetail;
  const heading = document.createElement('h2');
  heading.textContent = `#${item.item} ${item.title}`;
  const claim = document.createElement('blockquote');
  claim.textContent = item.claim;
  const body = document.createElement('div');
  body.innerHTML = renderMarkdown(item.sections.map((s) => `### ${s.heading}\n\n${s.text}`).join('\n\n'));
  const related = document.createElement('p');
  for (const n of item.related) {
    const link = document.createElement('button');
    link.type = 'button';
    link.className = 'chip';
    link.textContent = `#${n}`;
    link.addEventListener('click', () => void openItem(n));
    related.append(link, ' ');
  }
  const askButton = document.createElement('button');
  askButton.type = 'button';
  askButton.textContent = 'Ask about this item';
  askButton.addEventListener('click', () => ask(`Explain item #${item.item}: "${item.claim}"`));
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Close';
  close.addEventListener('click', () => (panel.hidden = true));
  panel.replaceChildren(heading, claim, askButton, close, body, related);
  heading.tabIndex = -1;
  heading.focus();
}
