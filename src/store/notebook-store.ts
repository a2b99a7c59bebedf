import type { KbProblem } from '../kb/item';

export interface NotebookRecord {
  /** 144 random bits, URL-safe: whoever holds it may read and change the notebook. */
  id: string;
  name: string;
  createdAt: string;
}

export interface SourceRecord {
  /** The SHA-256 of the file's bytes, hex: the same bytes are one source of a notebook. */
  id: string;
  /** The file's path as the learner gave it (a vault's folders kept), forward slashes. */
  name: string;
  bytes: number;
  addedAt: string;
  /** What `check` says of this file: skipped, unreadable, broken links, suspect titles. */
  warnings: KbProblem[];
}

export interface SourceFile {
  name: string;
  bytes: Buffer;
}

/**
 * Notebooks, their source files and which conversation belongs to which notebook. Failures reject
 * with a StoreError, as the session store's do.
 */
export interface NotebookStore {
  createNotebook(name: string): Promise<NotebookRecord>;
  getNotebook(id: string): Promise<NotebookRecord | undefined>;
  /** The renamed notebook, or undefined when there is no such notebook. */
  renameNotebook(id: string, name: string): Promise<NotebookRecord | undefined>;
  /** The notebooks among `ids` that exist, in the order asked; unknown ids are left out. */
  listNotebooks(ids: readonly string[]): Promise<NotebookRecord[]>;
  /**
   * Stores the file under its content hash. The same bytes already in the notebook are not stored
   * again: `added` is false and the source is the one stored first. Rejects with notebook_not_found.
   */
  addSource(notebookId: string, file: SourceFile, warnings: KbProblem[]): Promise<{ source: SourceRecord; added: boolean }>;
  /** False when the notebook has no such source. */
  removeSource(notebookId: string, sourceId: string): Promise<boolean>;
  /** The notebook's sources with their warnings, in name order. */
  sources(notebookId: string): Promise<SourceRecord[]>;
  /** The notebook's files with their bytes, in name order: what its knowledge base is built from. */
  sourceFiles(notebookId: string): Promise<SourceFile[]>;
  /** Replaces the warnings of the notebook's sources (by source id) after its knowledge base was rebuilt. */
  setWarnings(notebookId: string, warnings: ReadonlyMap<string, KbProblem[]>): Promise<void>;
  /** Files the session under the notebook; a session is in one notebook, for good. */
  attachSession(sessionId: string, notebookId: string): Promise<void>;
  /** The notebook a session was started in, if it was started in one. */
  notebookOfSession(sessionId: string): Promise<string | undefined>;
}
