const CURRENT = 'loss-tutor.notebook';
const MINE = 'loss-tutor.notebooks';

/**
 * The notebook this page answers from: the URL's `?notebook=` (a link someone was given), else the
 * one last open in this browser; none is the server's own notes. Kept in both, so a reload keeps it.
 */
function readCurrent(): string | undefined {
  const fromUrl = new URLSearchParams(location.search).get('notebook');
  if (fromUrl) return fromUrl;
  return localStorage.getItem(CURRENT) ?? undefined;
}

export const currentNotebook: string | undefined = readCurrent();

if (currentNotebook) {
  localStorage.setItem(CURRENT, currentNotebook);
  remember(currentNotebook);
  const url = new URL(location.href);
  if (url.searchParams.get('notebook') !== currentNotebook) {
    url.searchParams.set('notebook', currentNotebook);
    history.replaceState(null, '', url);
  }
}

/** The notebooks this browser has opened: the server lists a notebook only to whoever holds its id. */
export function myNotebooks(): string[] {
  try {
    const ids = JSON.parse(localStorage.getItem(MINE) ?? '[]') as unknown;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function remember(id: string): void {
  const ids = myNotebooks().filter((known) => known !== id);
  localStorage.setItem(MINE, JSON.stringify([id, ...ids].slice(0, 50)));
}

/** Opens a notebook (or, with none, the server's notes): the page starts again in it. */
export function openNotebook(id: string | undefined): void {
  const url = new URL(location.href);
  if (id) {
    localStorage.setItem(CURRENT, id);
    remember(id);
    url.searchParams.set('notebook', id);
  } else {
    localStorage.removeItem(CURRENT);
    url.searchParams.delete('notebook');
  }
  location.assign(url);
}

/** Where this page's items are read: the notebook's, or the server's notes. */
export const itemsPath = (): string => (currentNotebook ? `/api/notebooks/${encodeURIComponent(currentNotebook)}/items` : '/api/items');
