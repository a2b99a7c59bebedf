import { iconButton } from './icons';
import { ApiError, createNotebook, getNotebook, listNotebooks, pasteText, removeSource, renameNotebook, uploadFile, type Source, type UploadResult } from './notebook-api';
import { currentNotebook, myNotebooks, openNotebook } from './notebook-state';

interface Picked {
  name: string;
  file: File;
}

/** Uploads at once: enough to keep the line busy, few enough that each file's progress means something. */
const PARALLEL_UPLOADS = 3;

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
};

const kib = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${Math.ceil(bytes / 1024)} KiB`);

/** A dropped folder's files, paths kept (a vault's folders matter to its links). */
async function filesOfEntry(entry: FileSystemEntry, prefix = ''): Promise<Picked[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [{ name: `${prefix}${entry.name}`, file }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries hands a folder over in batches until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  const nested = await Promise.all(children.filter((child) => !child.name.startsWith('.')).map((child) => filesOfEntry(child, `${prefix}${entry.name}/`)));
  return nested.flat();
}

async function droppedFiles(transfer: DataTransfer): Promise<Picked[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((entry): entry is FileSystemEntry => entry !== null && entry !== undefined);
  if (entries.length > 0) return (await Promise.all(entries.map((entry) => filesOfEntry(entry)))).flat();
  return [...transfer.files].map((file) => ({ name: file.name, file }));
}

/**
 * The notebook panel: switch notebooks or make one; in a notebook, add sources (files, a folder, a
 * .zip, pasted text) with each file's progress and outcome, see each source's warnings, remove
 * sources and rename the notebook. `changed` runs after the notebook's items changed.
 */
export function setUpNotebookPanel(panel: HTMLElement, changed: () => void): void {
  const heading = element('h2', undefined, 'Notebook');
  heading.id = 'notebook-heading';
  panel.setAttribute('aria-labelledby', heading.id);
  const status = element('p', 'notebook-status');
  status.setAttribute('role', 'status');
  panel.replaceChildren(heading, switcher(), createForm(status), status);
  if (!currentNotebook) return;
  const sources = element('ul', 'source-list');
  sources.setAttribute('aria-label', 'Sources');
  const uploads = element('ul', 'upload-list');
  uploads.setAttribute('aria-label', 'Files being added');
  const refresh = async () => {
    try {
      const notebook = await getNotebook(currentNotebook!);
      rename.querySelector('input')!.value = notebook.name;
      heading.textContent = `Notebook: ${notebook.name}`;
      status.textContent = `${notebook.items ?? 0} items from ${notebook.sources?.length ?? 0} sources.`;
      sources.replaceChildren(...(notebook.sources ?? []).map((source) => sourceRow(source, refresh, changed, status)));
      // An empty notebook opens on the panel: adding notes is the only thing to do in it.
      if (notebook.sources?.length === 0 && panel.hidden) {
        panel.hidden = false;
        document.querySelector('[data-view="notebook"]')?.setAttribute('aria-pressed', 'true');
      }
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error);
    }
  };
  const add = async (picked: Picked[]) => {
    await uploadAll(picked, uploads);
    changed();
    await refresh();
  };
  const rename = renameForm(status, refresh);
  panel.append(rename, dropZone(add), pasteForm(uploads, async () => (changed(), refresh())), element('h3', undefined, 'Adding'), uploads, element('h3', undefined, 'Sources'), sources);
  void refresh();
}

function switcher(): HTMLElement {
  const wrap = element('div', 'notebook-switch');
  const label = element('label', undefined, 'Open');
  label.htmlFor = 'notebook-select';
  const select = element('select');
  select.id = 'notebook-select';
  select.append(new Option("The server's notes", ''));
  const ids = myNotebooks();
  void listNotebooks(ids).then((notebooks) => {
    for (const notebook of notebooks) select.append(new Option(notebook.name, notebook.id, false, notebook.id === currentNotebook));
  }, () => undefined);
  select.value = currentNotebook ?? '';
  select.addEventListener('change', () => openNotebook(select.value || undefined));
  wrap.append(label, select);
  return wrap;
}

function createForm(status: HTMLElement): HTMLFormElement {
  const form = element('form', 'notebook-create');
  const label = element('label', undefined, 'New notebook');
  label.htmlFor = 'notebook-new-name';
  const input = element('input');
  input.id = 'notebook-new-name';
  input.placeholder = 'name, e.g. Exam revision';
  const button = element('button', undefined, 'Create');
  button.type = 'submit';
  form.append(label, input, button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    createNotebook(input.value.trim() || 'My notebook').then(
      (notebook) => openNotebook(notebook.id),
      (error: Error) => (status.textContent = error.message),
    );
  });
  return form;
}

function renameForm(status: HTMLElement, refresh: () => Promise<void>): HTMLFormElement {
  const form = element('form', 'notebook-rename');
  const label = element('label', undefined, 'Name');
  label.htmlFor = 'notebook-name';
  const input = element('input');
  input.id = 'notebook-name';
  const button = element('button', undefined, 'Rename');
  button.type = 'submit';
  form.append(label, input, button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    renameNotebook(currentNotebook!, input.value.trim()).then(refresh, (error: Error) => (status.textContent = error.message));
  });
  return form;
}

function dropZone(add: (picked: Picked[]) => Promise<void>): HTMLElement {
  const zone = element('div', 'dropzone');
  zone.append(element('p', undefined, 'Drop note files, a folder or a .zip of a vault here, or'));
  const pick = (id: string, text: string, folder: boolean) => {
    const label = element('label', 'button-like', text);
    label.htmlFor = id;
    const input = element('input', 'visually-hidden');
    input.type = 'file';
    input.id = id;
    input.multiple = true;
    if (folder) input.webkitdirectory = true;
    input.addEventListener('change', () => {
      const picked = [...(input.files ?? [])].map((file) => ({ name: file.webkitRelativePath || file.name, file }));
      input.value = '';
      void add(picked);
    });
    // The input first: its focus ring is drawn on the label that follows it.
    return [input, label];
  };
  zone.append(...pick('notebook-files', 'Choose files', false), ' ', ...pick('notebook-folder', 'Choose a folder', true));
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    if (event.dataTransfer) void droppedFiles(event.dataTransfer).then(add);
  });
  return zone;
}

function pasteForm(uploads: HTMLElement, added: () => Promise<void>): HTMLFormElement {
  const form = element('form', 'notebook-paste');
  const label = element('label', undefined, 'Paste notes (a numbered list becomes numbered items)');
  label.htmlFor = 'notebook-paste-text';
  const text = element('textarea');
  text.id = 'notebook-paste-text';
  text.rows = 4;
  const button = element('button', undefined, 'Add pasted text');
  button.type = 'submit';
  form.append(label, text, button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (text.value.trim() === '') return;
    const row = uploadRow('Pasted text', uploads);
    pasteText(currentNotebook!, text.value).then(
      (result) => {
        showOutcome(row, result);
        text.value = '';
        return added();
      },
      (error: Error) => showFailure(row, error),
    );
  });
  return form;
}

function uploadRow(name: string, list: HTMLElement): HTMLLIElement {
  const row = element('li', 'upload');
  const progress = element('progress');
  progress.setAttribute('aria-label', `Adding ${name}`);
  row.append(element('span', 'upload-name', name), progress, element('span', 'upload-state', 'waiting…'));
  list.append(row);
  return row;
}

function showOutcome(row: HTMLLIElement, result: UploadResult): void {
  row.querySelector('progress')?.remove();
  const state = row.querySelector('.upload-state')!;
  const made = result.added.flatMap((source) => source.items);
  const parts = [];
  if (made.length > 0) parts.push(`added: ${made.length === 1 ? 'item' : 'items'} ${made.map((n) => `#${n}`).join(', ')}`);
  if (result.unchanged.length > 0) parts.push('already in the notebook');
  state.textContent = parts.join('; ');
  if (result.refused.length > 0) {
    row.classList.add('refused');
    const reasons = element('ul', 'refused-list');
    for (const refused of result.refused) reasons.append(element('li', undefined, `${refused.name} not added: ${refused.message}`));
    row.append(reasons);
  }
}

function showFailure(row: HTMLLIElement, error: Error): void {
  row.querySelector('progress')?.remove();
  row.classList.add('refused');
  row.querySelector('.upload-state')!.textContent = `not added: ${error.message}${error instanceof ApiError ? ` (${error.code})` : ''}`;
}

/** Each file on its own request, a few at a time, each with its row: what could not be read says why, the rest is in. */
async function uploadAll(picked: Picked[], list: HTMLElement): Promise<void> {
  const rows = picked.map((p) => uploadRow(p.name, list));
  let next = 0;
  const worker = async () => {
    while (next < picked.length) {
      const index = next++;
      const { name, file } = picked[index]!;
      rows[index]!.querySelector('.upload-state')!.textContent = `sending ${kib(file.size)}…`;
      await uploadFile(currentNotebook!, name, file).then(
        (result) => showOutcome(rows[index]!, result),
        (error: Error) => showFailure(rows[index]!, error),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, picked.length) }, worker));
}

function sourceRow(source: Source, refresh: () => Promise<void>, changed: () => void, status: HTMLElement): HTMLLIElement {
  const row = element('li', 'source');
  const name = element('span', 'source-name', source.name);
  const made = source.items ?? [];
  const size = element('span', 'source-size', `${made.length > 0 ? `${made.map((n) => `#${n}`).join(' ')} · ` : ''}${kib(source.bytes)}`);
  const remove = iconButton('close', `Remove ${source.name}`);
  remove.addEventListener('click', () => {
    removeSource(currentNotebook!, source.id).then(
      () => (changed(), refresh()),
      (error: Error) => (status.textContent = error.message),
    );
  });
  row.append(name, size, remove);
  if (source.warnings.length > 0) {
    const warnings = element('ul', 'source-warnings');
    warnings.setAttribute('aria-label', `Warnings for ${source.name}`);
    for (const warning of source.warnings) warnings.append(element('li', `warning-${warning.severity}`, warning.message));
    row.append(warnings);
  }
  return row;
}
