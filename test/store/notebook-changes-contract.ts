/**
 * What every NotebookChanges implementation promises, run by each database's own test file: a
 * change of a notebook's sources made through one handle on the database (one replica, or one
 * process on a SQLite file) reaches another handle, for that notebook only.
 */
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../src/store/open-store';
import type { OpenedStores } from './notebook-store-contract';

const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text) });

/** Settles `ids` on `stores` (what a turn does before it uses a kept engine) until `heard` says yes, for at most 10 s. */
async function until(stores: Stores, ids: string[], heard: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    for (const id of ids) await stores.notebookChanges.settle(id);
    if (heard()) return;
    if (Date.now() > deadline) throw new Error('the change was not heard within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function runNotebookChangesContract(name: string, open: () => Promise<OpenedStores>): void {
  describe(`${name} notebook changes`, () => {
    it('reach another handle on the database when a source is added and when one is removed, for that notebook only', async () => {
      const { stores: maker, reopen } = await open();
      const replica = await reopen();
      try {
        const heard: (string | undefined)[] = [];
        await replica.notebookChanges.listen((id) => heard.push(id));
        const [notebook, untouched] = [await maker.notebooks.createNotebook('changing'), await maker.notebooks.createNotebook('untouched')];
        const ids = [notebook.id, untouched.id];
        // The replica uses both notebooks before anything changes, as a replica that answered from them has.
        for (const id of ids) await replica.notebookChanges.settle(id);
        expect(heard).toEqual([]);

        const { source } = await maker.notebooks.addSource(notebook.id, file('Dice.md', '# Dice loss\n\nOverlap of masks.'), []);
        await until(replica, ids, () => heard.includes(notebook.id));
        heard.length = 0;
        expect(await maker.notebooks.removeSource(notebook.id, source.id)).toBe(true);
        await until(replica, ids, () => heard.includes(notebook.id));
        expect(heard.filter((id) => id !== notebook.id)).toEqual([]);
      } finally {
        await replica.close();
        await maker.close();
      }
    });
  });
}
