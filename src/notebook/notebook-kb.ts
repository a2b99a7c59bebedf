import type { KbProblem, KnowledgeBase } from '../kb/item';
import { knowledgeBaseOf } from '../kb/knowledge-base';
import { noteFileOf, type NoteFile } from '../kb/note-files';
import type { SourceFile } from '../store/notebook-store';

export interface NotebookKb {
  kb: KnowledgeBase;
  /** By file name: what `check` says of it. */
  problems: Record<string, KbProblem[]>;
  /** By file name: the items it made (none: it could not be read, or held no note). */
  items: Record<string, number[]>;
}

const fileOf = (source: string): string => source.replace(/#[^/]*$/, '');

/** A notebook's files → its knowledge base, through the same formats and numbering as a `--kb` folder. */
export async function notebookKb(label: string, sources: readonly SourceFile[]): Promise<NotebookKb> {
  const problems: KbProblem[] = [];
  const read = await Promise.all(sources.map((source) => noteFileOf(source.name, source.bytes, problems)));
  const files = read.filter((file): file is NoteFile => file !== undefined);
  files.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const kb = await knowledgeBaseOf(label, files, problems, {}, sources.map((source) => source.name));
  const byFile: Record<string, KbProblem[]> = {};
  for (const problem of kb.problems) (byFile[fileOf(problem.source)] ??= []).push(problem);
  const items = Object.fromEntries((kb.files ?? []).map((report) => [report.source, report.items]));
  return { kb, problems: byFile, items };
}
