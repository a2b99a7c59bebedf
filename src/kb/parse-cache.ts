import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { NoteFile } from './note-files';
import type { ParsedFile } from './note-parser';

/** Bump when the parser's output changes shape or meaning: every cached parse is then redone. */
const PARSE_CACHE_VERSION = 2;

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
  /** The file's parse: the cached one when its path and bytes are unchanged, else a fresh one. */
  parse(file: NoteFile): ParsedFile;
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

export function openParseCache(root: string, cacheDir: string, parseFile: (file: NoteFile) => ParsedFile): ParseCache {
  const path = join(cacheDir, `parsed-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
  const previous = readCache(path);
  const current: CachedParses['files'] = {};
  let changed = false;
  return {
    parse(file) {
      const fingerprint = fingerprintOf(file);
      const cached = previous[file.source];
      if (cached?.fingerprint === fingerprint) {
        current[file.source] = cached;
        return cached.parsed;
      }
      changed = true;
      const parsed = parseFile(file);
      current[file.source] = { fingerprint, parsed };
      return parsed;
    },
    save() {
      const dropped = Object.keys(previous).some((source) => !(source in current));
      if (!changed && !dropped) return;
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
