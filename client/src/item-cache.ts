export interface Passage {
  id: string;
  section: string;
  sectionName: string;
  kind: string;
  text: string;
}

export interface ItemSummary {
  item: number;
  title: string;
  claim: string;
}

export interface ItemDetail extends ItemSummary {
  sections: { name: string; heading: string; text: string }[];
  passages?: Passage[];
  related: number[];
  loss?: string;
  quiz?: unknown[];
  example?: { loss: string; inputs?: { yTrue?: unknown; yPred?: unknown } };
}

import { itemsPath } from './notebook-state';

/** Items fetched once per page: a chip hovered twice, or a chip then its panel, ask the server once. */
const details = new Map<number, Promise<ItemDetail | undefined>>();
let summaries: Promise<ItemSummary[]> | undefined;

export function fetchItem(n: number): Promise<ItemDetail | undefined> {
  let found = details.get(n);
  if (!found) {
    found = fetch(`${itemsPath()}/${n}`).then((response) => (response.ok ? (response.json() as Promise<ItemDetail>) : undefined));
    // A failed fetch (a dropped line) is not remembered, so the next hover tries again.
    found.catch(() => details.delete(n));
    details.set(n, found);
  }
  return found;
}

export function fetchItems(): Promise<ItemSummary[]> {
  summaries ??= fetch(itemsPath()).then((response) => response.json() as Promise<ItemSummary[]>);
  return summaries;
}

/** After the notebook's sources changed: its items are read again. */
export function forgetItems(): void {
  details.clear();
  summaries = undefined;
}
