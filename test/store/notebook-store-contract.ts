/**
 * What every NotebookStore implementation promises, run by each implementation's own test file:
 * `runNotebookStoreContract('SQLite', async () => ({ stores, reopen }))`.
 */
import { describe, expect, it } from 'vitest';
import type { KbProblem } from '../../src/kb/item';
import type { Stores } from '../../src/store/open-store';
import { StoreError } from '../../src/store/store-error';

export interface OpenedStores {
  stores: Stores;
  /** Another handle on the same database: after a close, a restart. */
  reopen: () => Promise<Stores>;
}

const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text) });
const warning = (source: string): KbProblem => ({ code: 'broken_link', severity: 'warning', source, message: `${source} links to [[Nowhere]]` });

export function runNotebookStoreContract(name: string, open: () => Promise<OpenedStores>): void {
  const withStores = (test: (opened: OpenedStores) => Promise<void>) => async () => {
    const opened = await open();
    try {
      await test(opened);
    } finally {
      await opened.stores.close().catch(() => undefined);
    }
  };

  describe(`the ${name} notebook store`, () => {
    it(
      'creates notebooks with unguessable ids, renames them, and lists only the ids asked for',
      withStores(async ({ stores: { notebooks } }) => {
        const made = await Promise.all(Array.from({ length: 20 }, (_, n) => notebooks.createNotebook(`notes ${n}`)));
        expect(new Set(made.map((n) => n.id)).size).toBe(20);
        for (const { id } of made) expect(Buffer.from(id, 'base64url').length).toBeGreaterThanOrEqual(18);
        expect(await notebooks.getNotebook(made[0]!.id)).toMatchObject({ name: 'notes 0' });
        expect(await notebooks.renameNotebook(made[0]!.id, 'Exam revision')).toMatchObject({ id: made[0]!.id, name: 'Exam revision' });
        expect(await notebooks.renameNotebook('no-such-notebook', 'x')).toBeUndefined();
        const listed = await notebooks.listNotebooks([made[3]!.id, 'unknown', made[1]!.id]);
        expect(listed.map((n) => n.name)).toEqual(['notes 3', 'notes 1']);
        expect(await notebooks.getNotebook('unknown')).toBeUndefined();
      }),
    );

    it(
      'stores a source once per notebook by its content, keeps its warnings, and removes it',
      withStores(async ({ stores: { notebooks } }) => {
        const [a, b] = [await notebooks.createNotebook('a'), await notebooks.createNotebook('b')];
        const first = await notebooks.addSource(a.id, file('Focal loss.md', '# Focal loss\n\nDown-weights easy examples.'), [warning('Focal loss.md')]);
        expect(first.added).toBe(true);
        const again = await notebooks.addSource(a.id, file('copy/Focal loss.md', '# Focal loss\n\nDown-weights easy examples.'), []);
        expect(again).toMatchObject({ added: false, source: { id: first.source.id, name: 'Focal loss.md' } });
        expect((await notebooks.addSource(b.id, file('Focal loss.md', '# Focal loss\n\nDown-weights easy examples.'), [])).added).toBe(true);
        await notebooks.addSource(a.id, file('Cross entropy.md', '# Cross entropy'), []);
        const sources = await notebooks.sources(a.id);
        expect(sources.map((s) => s.name)).toEqual(['Cross entropy.md', 'Focal loss.md']);
        expect(sources[1]!.warnings).toEqual([warning('Focal loss.md')]);
        expect(sources[1]!.bytes).toBe(Buffer.byteLength('# Focal loss\n\nDown-weights easy examples.'));
        expect(await notebooks.removeSource(b.id, 'not-a-hash')).toBe(false);
        expect(await notebooks.removeSource(a.id, first.source.id)).toBe(true);
        expect((await notebooks.sourceFiles(a.id)).map((f) => [f.name, f.bytes.toString()])).toEqual([['Cross entropy.md', '# Cross entropy']]);
        expect((await notebooks.sources(b.id)).map((s) => s.name)).toEqual(['Focal loss.md']);
      }),
    );

    it(
      'replaces a file sent again under its name with new bytes, and updates warnings after a rebuild',
      withStores(async ({ stores: { notebooks } }) => {
        const notebook = await notebooks.createNotebook('edits');
        const old = await notebooks.addSource(notebook.id, file('Huber.md', '# Huber v1'), []);
        const edited = await notebooks.addSource(notebook.id, file('Huber.md', '# Huber v2'), []);
        expect(edited.source.id).not.toBe(old.source.id);
        expect((await notebooks.sourceFiles(notebook.id)).map((f) => f.bytes.toString())).toEqual(['# Huber v2']);
        await notebooks.setWarnings(notebook.id, new Map([[edited.source.id, [warning('Huber.md')]]]));
        expect((await notebooks.sources(notebook.id))[0]!.warnings).toEqual([warning('Huber.md')]);
      }),
    );

    it(
      'refuses a source for a notebook that does not exist, failing only that write among those sent together',
      withStores(async ({ stores: { notebooks } }) => {
        const notebook = await notebooks.createNotebook('n');
        const [kept, lost] = await Promise.allSettled([notebooks.addSource(notebook.id, file('a.md', '# A'), []), notebooks.addSource('gone', file('b.md', '# B'), [])]);
        expect(kept.status).toBe('fulfilled');
        expect(lost).toMatchObject({ status: 'rejected', reason: { code: 'notebook_not_found' } });
        expect(lost.status === 'rejected' && lost.reason instanceof StoreError).toBe(true);
        expect((await notebooks.sources(notebook.id)).map((s) => s.name)).toEqual(['a.md']);
      }),
    );

    it(
      'files a session under its notebook, once, and keeps notebooks, sources and sessions across a restart',
      withStores(async ({ stores, reopen }) => {
        const notebook = await stores.notebooks.createNotebook('kept');
        const session = await stores.sessions.createSession();
        await stores.notebooks.attachSession(session.id, notebook.id);
        await expect(stores.notebooks.attachSession('no-session', notebook.id)).rejects.toMatchObject({ code: 'session_not_found' });
        await expect(stores.notebooks.attachSession(session.id, 'no-notebook')).rejects.toMatchObject({ code: 'notebook_not_found' });
        expect(await stores.notebooks.notebookOfSession(session.id)).toBe(notebook.id);
        expect(await stores.notebooks.notebookOfSession((await stores.sessions.createSession()).id)).toBeUndefined();
        await stores.notebooks.addSource(notebook.id, file('list.md', '1. one\n2. two\n'), []);
        await stores.close();
        const restarted = await reopen();
        try {
          expect(await restarted.notebooks.getNotebook(notebook.id)).toMatchObject({ name: 'kept' });
          expect((await restarted.notebooks.sourceFiles(notebook.id)).map((f) => f.bytes.toString())).toEqual(['1. one\n2. two\n']);
          expect(await restarted.notebooks.notebookOfSession(session.id)).toBe(notebook.id);
        } finally {
          await restarted.close();
        }
      }),
    );
  });
}
