import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/kb/front-matter';
import { MAX_NOTE_BYTES, readNoteFiles } from '../../src/kb/note-files';

describe('note limits', () => {
  it('skips a note over the size limit with a warning and reads the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loss-tutor-big-note-'));
    writeFileSync(join(dir, 'big.md'), 'x'.repeat(MAX_NOTE_BYTES + 1));
    writeFileSync(join(dir, 'small.md'), '1. MSE is the mean of squared errors.\n');
    const { files, problems } = await readNoteFiles(dir);
    expect(files.map((file) => file.source)).toEqual(['small.md']);
    expect(problems).toMatchObject([{ source: 'big.md', severity: 'warning' }]);
    expect(problems[0]!.message).toMatch(/over the 1024 KiB.*split it/);
  });

  it('refuses a YAML alias bomb in front matter before parsing it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const note = `---\n${levels.join('\n')}\nexample: *i\n---\nbody\n`;
    expect(() => splitFrontMatter(note, 'yaml')).toThrow(/YAML aliases.*write the values out/);
    expect(splitFrontMatter('---\nbase: &b 1\ncopy: *b\n---\nbody\n', 'yaml').data).toEqual({ base: 1, copy: 1 });
  });
});
