import { unzipSync } from 'fflate';
import type { SourceFile } from '../store/notebook-store';
import { NotebookError } from './notebook-error';
import type { RefusedFile } from './notebooks';

/** Tooling, not notes: a vault's settings, macOS's resource forks, folders themselves. */
const skipped = (path: string): boolean => path.endsWith('/') || path.split('/').some((part) => part.startsWith('.') || part === '__MACOSX' || part === 'node_modules');

/**
 * A .zip of a vault → its files, paths kept. Sizes are checked from the archive's own directory
 * before anything is inflated, so a small archive that would inflate to gigabytes is refused unread.
 */
export function filesOfArchive(archive: Buffer, limits: { maxFileBytes: number; maxNotebookBytes: number }): { files: SourceFile[]; refused: RefusedFile[] } {
  const refused: RefusedFile[] = [];
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(archive, {
      filter: (entry) => {
        if (skipped(entry.name)) return false;
        if (entry.originalSize > limits.maxFileBytes) {
          refused.push({ name: entry.name, code: 'file_too_large', message: `${entry.name} is ${Math.ceil(entry.originalSize / 1024)} KiB, over the ${Math.ceil(limits.maxFileBytes / 1024)} KiB a file may have on this server: split it into smaller notes.` });
          return false;
        }
        total += entry.originalSize;
        if (total > limits.maxNotebookBytes) throw new NotebookError('notebook_too_large', `the archive holds over ${Math.ceil(limits.maxNotebookBytes / 1024)} KiB of files, more than a notebook may on this server: send part of the vault.`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof NotebookError) throw error;
    throw new NotebookError('bad_archive', `the .zip could not be read (${error instanceof Error ? error.message : String(error)}): zip the vault's folder again, or send its files.`);
  }
  return { files: Object.entries(entries).map(([name, bytes]) => ({ name, bytes: Buffer.from(bytes) })), refused };
}
