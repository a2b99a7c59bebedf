import { fetchItem, type Passage } from './item-cache';
import { renderMarkdown } from './markdown';

export interface Citation {
  item: number;
  title: string;
  /** The passages the answer drew on, when the tutor names them. */
  passages?: Pick<Passage, 'id' | 'section'>[];
}

let tooltipCount = 0;

/** `#27 §Pitfalls` when the tutor names the passage, else `#27 Focal loss`. */
export function chipLabel(citation: Citation): string {
  const section = citation.passages?.[0]?.section;
  return section ? `#${citation.item} §${section}` : `#${citation.item} ${citation.title}`;
}

/** The passage a chip shows: the first one cited, else the item's opening passage. */
async function citedPassage(citation: Citation): Promise<{ passage?: Passage; claim: string } | undefined> {
  const item = await fetchItem(citation.item);
  if (!item) return undefined;
  const wanted = citation.passages?.[0]?.id;
  const passage = item.passages?.find((p) => p.id === wanted) ?? item.passages?.[0];
  return { passage, claim: item.claim };
}

/**
 * A citation chip: hovering or focusing it shows the passage it stands for (fetched once), Escape
 * hides it, and a click opens the item at that passage.
 */
export function citationChip(citation: Citation, open: (item: number, passageId?: string) => void): HTMLElement {
  const wrapper = document.createElement('span');
  wrapper.className = 'chip-wrap';
  const chip = document.createElement('button');
  chip.type = 'button';
  chip.className = 'chip';
  chip.textContent = chipLabel(citation);
  const tip = document.createElement('span');
  tip.className = 'passage-tip';
  tip.id = `passage-tip-${++tooltipCount}`;
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  chip.setAttribute('aria-describedby', tip.id);
  let passageId = citation.passages?.[0]?.id;
  let filled = false;
  const show = async () => {
    tip.hidden = false;
    if (filled) return;
    tip.textContent = 'Loading the passage…';
    const found = await citedPassage(citation).catch(() => undefined);
    if (!found) {
      tip.textContent = `Item ${citation.item} could not be fetched; click to try opening it.`;
      return;
    }
    filled = true;
    passageId = found.passage?.id;
    const where = document.createElement('strong');
    where.textContent = `#${citation.item} ${citation.title}${found.passage ? ` §${found.passage.section}` : ''}`;
    const body = document.createElement('span');
    body.className = 'passage-text';
    body.innerHTML = renderMarkdown(found.passage?.text ?? found.claim);
    tip.replaceChildren(where, body);
  };
  const hide = () => (tip.hidden = true);
  chip.addEventListener('mouseenter', () => void show());
  chip.addEventListener('focus', () => void show());
  chip.addEventListener('mouseleave', hide);
  chip.addEventListener('blur', hide);
  chip.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') hide();
  });
  chip.addEventListener('click', () => void show().then(() => open(citation.item, passageId)));
  wrapper.append(chip, tip);
  return wrapper;
}
