import type { NoteFormat } from './note-format';

/**
 * Folders that hold an app's own files rather than notes: Logseq's `logseq/`, Obsidian templates,
 * a saved page's `…_files/` assets. Hidden folders (.obsidian, .ipynb_checkpoints) are never read.
 */
const TOOLING = /(^|\/)(logseq|templates?|_templates|attachments|assets)\/|(^|\/)[^/]+_files\//i;

export const tooling: NoteFormat = {
  name: 'tooling',
  recognise: (file) => TOOLING.test(file.source),
  parse: () => ({ notes: [], problems: [] }),
};
