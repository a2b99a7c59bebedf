import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { NoteFile } from './note-files';
import type { ParsedFile } from './note-parser';

/** Bump when the parser's output changes shape or meaning: every cached parse is then redone. */
const PARSE_CACHE_VERSION = 4;

interface CachedParses {
  version: number;
  /** By source path: the file's fingerprint when parsed, and what the parse gave. */
  files: Record<string, { fingerprint: string; parsed: ParsedFile }>;
}

/**
 * Parsed notes kept beside the search index's cache, one entry per file keyed by the file's own
 * fingerprint: a start-up after one file changed parses that file and reads the rest back.
 */
export interface ParseCache {
  /** The file's cached parse when its path and bytes are unchanged since. */
  cached(file: NoteFile): ParsedFile | undefined;
  /** Keeps a fresh parse of a file that had none (or an outdated one). */
  store(file: NoteFile, parsed: ParsedFile): void;
  /**
   * Writes the parses of this load (files gone since are dropped), atomically, by rename. Called
   * right after the parse loop, before anything numbers the notes, so no copies are needed.
   */
  save(): void;
}

const fingerprintOf = (file: NoteFile): string => createHash('sha256').update(file.source).update('\0').update(file.bytes).digest('hex');

function readCache(path: string): CachedParses['files'] {
  try {
    const cached = JSON.parse(readFileSync(path, 'utf8')) as CachedParses;
    return cached.version === PARSE_CACHE_VERSION ? cached.files : {};
  } catch {
    // No cache yet, or an unreadable one: every file is parsed afresh.
    return {};
  }
}

export function openParseCache(root: string, cacheDir: string): ParseCache {
  const path = join(cacheDir, `parsed-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
  const previous = readCache(path);
  const current: CachedParses['files'] = {};
  /** Fingerprints of the files that missed, for store(): each file is hashed once. */
  const missed = new Map<string, string>();
  return {
    cached(file) {
      const fingerprint = fingerprintOf(file);
      const cached = previous[file.source];
      if (cached?.fingerprint === fingerprint) {
        current[file.source] = cached;
        return cached.parsed;
      }
      missed.set(file.source, fingerprint);
      return undefined;
    },
    store(file, parsed) {
      current[file.source] = { fingerprint: missed.get(file.source) ?? fingerprintOf(file), parsed };
    },
    save() {
      const dropped = Object.keys(previous).some((source) => !(source in current));
      if (missed.size === 0 && !dropped) return;
      try {
        mkdirSync(cacheDir, { recursive: true });
        const temporary = `${path}.${process.pid}.${threadId}.tmp`;
        writeFileSync(temporary, JSON.stringify({ version: PARSE_CACHE_VERSION, files: current } satisfies CachedParses));
        renameSync(temporary, path);
      } catch {
        // A read-only cache folder costs a full parse next time, nothing more.
      }
    },
  };
}
