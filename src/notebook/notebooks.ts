/**
 * Notebooks as the server and the CLI use them: the store's records, each notebook's knowledge base
 * built off the server's thread, and a tutor per notebook kept for the notebooks in use (the least
 * recently used is let go past the bound, and built again from the database when asked for).
 */
import type { KbProblem, KnowledgeBase } from '../kb/item';
import { TutorPool } from '../runtime/tutor-pool';
import { buildItemIndex } from '../search/item-index';
import type { NotebookChanges } from '../store/notebook-changes';
import type { NotebookRecord, NotebookStore, SourceFile, SourceRecord } from '../store/notebook-store';
import { contentHash, notebookNotFound } from '../store/sqlite-notebook-store';
import { createEmbeddedTutor } from '../tutor/embedded-tutor';
import type { TutorEngine } from '../tutor/tutor-engine';
import { NotebookBuilder } from './notebook-builder';
import { NotebookError } from './notebook-error';
import type { NotebookKb } from './notebook-kb';

export interface NotebookLimits {
  maxFileBytes: number;
  maxNotebookBytes: number;
  maxFiles: number;
  maxParseMs: number;
  /** Notebooks whose tutor is kept built; one more lets the least recently used go. */
  maxCachedNotebooks: number;
}

/**
 * A notebook's knowledge base, and its tutor, started on first use: an upload makes a new knowledge
 * base each time, and a tutor thread for each would be started only to be stopped by the next.
 */
export class NotebookEngine {
  private started?: Promise<{ tutor: TutorEngine; close(): Promise<void> }>;

  constructor(
    readonly kb: KnowledgeBase,
    private readonly threads: number,
  ) {}

  async tutor(): Promise<TutorEngine> {
    this.started ??= this.start();
    return (await this.started).tutor;
  }

  async close(): Promise<void> {
    await (await this.started?.catch(() => undefined))?.close();
  }

  private async start() {
    if (this.threads > 0) {
      const pool = await TutorPool.open({ kb: this.kb }, this.threads);
      return { tutor: pool, close: () => pool.close() };
    }
    return { tutor: createEmbeddedTutor({ kb: this.kb, search: buildItemIndex(this.kb) }), close: async () => undefined };
  }
}

export interface RefusedFile {
  name: string;
  code: 'file_too_large' | 'unreadable';
  message: string;
}

export interface AddedSources {
  /** Stored now, with their warnings and the items they made. */
  added: (SourceRecord & { items: number[] })[];
  /** Already in the notebook, byte for byte. */
  unchanged: SourceRecord[];
  refused: RefusedFile[];
}

const KIB = 1024;
const size = (bytes: number): string => (bytes >= 1024 * KIB ? `${(bytes / (1024 * KIB)).toFixed(1)} MiB` : `${Math.ceil(bytes / KIB)} KiB`);

export class Notebooks {
  private readonly builder: NotebookBuilder;
  private readonly engines = new Map<string, Promise<NotebookEngine>>();
  /** One change at a time per notebook, so limits are checked against what is really stored. */
  private readonly changes = new Map<string, Promise<unknown>>();

  constructor(
    readonly store: NotebookStore,
    private readonly feed: NotebookChanges,
    private readonly limits: NotebookLimits,
    private readonly engineThreads: number,
  ) {
    this.builder = new NotebookBuilder(limits.maxParseMs);
  }

  /** From now on a notebook's change, heard from the database (whichever process made it), lets go of the tutor kept for it. */
  listen(): Promise<void> {
    return this.feed.listen((id) => this.forget(id));
  }

  create(name: string): Promise<NotebookRecord> {
    return this.store.createNotebook(name);
  }

  async get(id: string): Promise<NotebookRecord> {
    const notebook = await this.store.getNotebook(id);
    if (!notebook) throw notebookNotFound(id);
    return notebook;
  }

  async rename(id: string, name: string): Promise<NotebookRecord> {
    const notebook = await this.store.renameNotebook(id, name);
    if (!notebook) throw notebookNotFound(id);
    return notebook;
  }

  async sources(id: string): Promise<SourceRecord[]> {
    await this.get(id);
    return this.store.sources(id);
  }

  /** The files' notes become the notebook's items at once; what cannot be read is refused, the rest kept. */
  addSources(id: string, files: readonly SourceFile[]): Promise<AddedSources> {
    return this.serially(id, async () => {
      await this.get(id);
      const refused: RefusedFile[] = [];
      const fitting = files.filter((file) => {
        if (file.bytes.length <= this.limits.maxFileBytes) return true;
        refused.push({ name: file.name, code: 'file_too_large', message: `${file.name} is ${size(file.bytes.length)}, over the ${size(this.limits.maxFileBytes)} a file may have on this server: split it into smaller notes.` });
        return false;
      });
      const stored = await this.store.sourceFiles(id);
      const storedHashes = new Set(stored.map((file) => contentHash(file.bytes)));
      const result: AddedSources = { added: [], unchanged: [], refused };
      // The same bytes under another name would make every item twice: the stored copy stands.
      for (const file of fitting.filter((f) => storedHashes.has(contentHash(f.bytes)))) result.unchanged.push((await this.store.addSource(id, file, [])).source);
      const fresh = fitting.filter((file) => !storedHashes.has(contentHash(file.bytes)));
      const names = new Set(fresh.map((file) => file.name));
      const kept = stored.filter((file) => !names.has(file.name));
      if (fresh.length === 0) return result;
      this.checkTotals(kept, fresh);
      const built = await this.builder.build(`notebook:${id}`, [...kept, ...fresh]);
      for (const file of fresh) {
        const items = built.items[file.name] ?? [];
        const problems = built.problems[file.name] ?? [];
        if (items.length === 0) {
          refused.push({ name: file.name, code: 'unreadable', message: problems[0]?.message ?? `${file.name} holds no note the formats could read: see docs/knowledge-format.md.` });
          continue;
        }
        const { source, added } = await this.store.addSource(id, file, problems);
        if (added) result.added.push({ ...source, items });
        else result.unchanged.push(source);
      }
      if (result.added.length > 0) await this.install(id, built, [...kept, ...fresh]);
      return result;
    });
  }

  async removeSource(id: string, sourceId: string): Promise<void> {
    await this.serially(id, async () => {
      await this.get(id);
      if (!(await this.store.removeSource(id, sourceId))) throw new NotebookError('source_not_found', `the notebook has no source ${sourceId}: list its sources for their ids.`);
      const files = await this.store.sourceFiles(id);
      await this.install(id, await this.builder.build(`notebook:${id}`, files), files);
    });
  }

  /** The notebook's tutor and knowledge base, built from the database when it is not kept or out of date. */
  async engine(id: string): Promise<NotebookEngine> {
    await this.feed.settle(id);
    const kept = this.engines.get(id);
    if (kept) {
      // Most recently used last: the first in the map is the one to let go.
      this.engines.delete(id);
      this.engines.set(id, kept);
      return kept;
    }
    const built = (async () => {
      await this.get(id);
      return this.engineOf((await this.builder.build(`notebook:${id}`, await this.store.sourceFiles(id))).kb);
    })();
    built.catch(() => this.engines.get(id) === built && this.engines.delete(id));
    this.keep(id, built);
    return built;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.changes.values()]);
    await Promise.allSettled([...this.engines.values()].map(async (engine) => (await engine).close()));
    this.engines.clear();
    await this.builder.close();
  }

  private checkTotals(kept: readonly SourceFile[], adding: readonly SourceFile[]): void {
    const count = kept.length + adding.length;
    if (count > this.limits.maxFiles) {
      throw new NotebookError('too_many_files', `the notebook would hold ${count} files, over the ${this.limits.maxFiles} this server allows: remove some sources, or start another notebook.`);
    }
    const bytes = [...kept, ...adding].reduce((sum, file) => sum + file.bytes.length, 0);
    if (bytes > this.limits.maxNotebookBytes) {
      throw new NotebookError('notebook_too_large', `the notebook would hold ${size(bytes)}, over the ${size(this.limits.maxNotebookBytes)} this server allows: remove some sources, or start another notebook.`);
    }
  }

  /** The new knowledge base becomes the notebook's at once; the warnings beside its sources follow it. */
  private async install(id: string, built: NotebookKb, files: readonly SourceFile[]): Promise<void> {
    const warnings = new Map<string, KbProblem[]>(files.map((file) => [contentHash(file.bytes), built.problems[file.name] ?? []]));
    await this.store.setWarnings(id, warnings);
    // This process's own change is known already: settled here, it does not throw away what was just built.
    await this.feed.settle(id);
    const previous = this.engines.get(id);
    this.keep(id, this.engineOf(built.kb));
    // Turns already on the old tutor finish there.
    void previous?.then((engine) => engine.close(), () => undefined);
  }

  /** The next turn on the notebook (every notebook, for undefined) builds its tutor again from the database. */
  private forget(id: string | undefined): void {
    for (const [kept, engine] of [...this.engines]) {
      if (id !== undefined && kept !== id) continue;
      this.engines.delete(kept);
      void engine.then((e) => e.close(), () => undefined);
    }
  }

  private keep(id: string, engine: Promise<NotebookEngine>): void {
    this.engines.delete(id);
    this.engines.set(id, engine);
    while (this.engines.size > this.limits.maxCachedNotebooks) {
      const [oldest, dropped] = this.engines.entries().next().value!;
      this.engines.delete(oldest);
      void dropped.then((e) => e.close(), () => undefined);
    }
  }

  private async engineOf(kb: KnowledgeBase): Promise<NotebookEngine> {
    // One thread per notebook in use: the server's own threads answer the server's notes.
    return new NotebookEngine(kb, Math.min(1, this.engineThreads));
  }

  private serially<T>(id: string, work: () => Promise<T>): Promise<T> {
    const run = (this.changes.get(id) ?? Promise.resolve()).then(work);
    const settled = run.catch(() => undefined);
    this.changes.set(id, settled);
    void settled.then(() => this.changes.get(id) === settled && this.changes.delete(id));
    return run;
  }
}
