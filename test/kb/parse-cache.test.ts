import { appendFileSync, cpSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';
import type { NoteFile } from '../../src/kb/note-files';
import { parseNoteFile } from '../../src/kb/note-parser';

const fixtures = join(__dirname, '../fixtures/notes/formats');

describe('the parsed-notes cache', () => {
  let work: string;
  let notes: string;
  let cacheDir: string;
  let parsed: string[];
  const countingParse = (file: NoteFile) => {
    parsed.push(file.source);
    return parseNoteFile(file);
  };
  const load = () => {
    parsed = [];
    return loadKnowledgeBase(notes, { cacheDir, parseFile: countingParse });
  };

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'parse-cache-'));
    notes = join(work, 'notes');
    cacheDir = join(work, 'cache');
    cpSync(fixtures, notes, { recursive: true });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('parses every file once, then none while nothing changes, and loads the same base', async () => {
    const first = await load();
    const files = parsed.length;
    expect(files).toBeGreaterThan(3);
    const second = await load();
    expect(parsed).toEqual([]);
    expect(second.items).toEqual(first.items);
    expect(second.problems).toEqual(first.problems);
    expect(second.fingerprint).toBe(first.fingerprint);
  });

  it('re-parses only the file that changed, and the change shows', async () => {
    const first = await load();
    const changed = first.items.find((item) => item.source.endsWith('.md'))!;
    appendFileSync(join(notes, changed.source), '\n\nA sentence added later, about parse caches.\n');
    const second = await load();
    expect(parsed).toEqual([changed.source]);
    expect(JSON.stringify(second.items)).toContain('parse caches');
    expect(second.fingerprint).not.toBe(first.fingerprint);
  });

  it('forgets a deleted file and parses nothing for it', async () => {
    const first = await load();
    const gone = first.items.find((item) => item.source.endsWith('.md'))!;
    unlinkSync(join(notes, gone.source));
    const second = await load();
    expect(parsed).toEqual([]);
    expect(second.items.some((item) => item.source === gone.source)).toBe(false);
  });

  it('parses afresh over a corrupt cache file', async () => {
    await load();
    const files = parsed.length;
    const { readdirSync, writeFileSync } = await import('node:fs');
    for (const name of readdirSync(cacheDir)) writeFileSync(join(cacheDir, name), '{not json');
    await load();
    expect(parsed.length).toBe(files);
  });

  it('extracts an unchanged PDF once: a second load reads its parse back without running pdf.js', async () => {
    const pdfs = join(work, 'pdfs');
    cpSync(join(__dirname, '../fixtures/notes/pdf'), pdfs, { recursive: true });
    const first = await loadKnowledgeBase(pdfs, { cacheDir });
    expect(first.reading).toEqual({ parsed: 2, cached: 0, pdfsExtracted: 2 });
    const second = await loadKnowledgeBase(pdfs, { cacheDir });
    expect(second.reading).toEqual({ parsed: 0, cached: 2, pdfsExtracted: 0 });
    expect(second.items).toEqual(first.items);
    expect(second.items.some((item) => item.passages.some((p) => p.page !== undefined))).toBe(true);
    expect(second.problems).toEqual(first.problems);
  });

  it('extracts a PDF again once its bytes change', async () => {
    const pdfs = join(work, 'pdfs');
    cpSync(join(__dirname, '../fixtures/notes/pdf'), pdfs, { recursive: true });
    await loadKnowledgeBase(pdfs, { cacheDir });
    // Bytes after %%EOF change the file's fingerprint and nothing pdf.js reads.
    appendFileSync(join(pdfs, 'quantile-loss-handout.pdf'), '\n% saved again\n');
    const second = await loadKnowledgeBase(pdfs, { cacheDir });
    expect(second.reading).toEqual({ parsed: 1, cached: 1, pdfsExtracted: 1 });
  });
});
