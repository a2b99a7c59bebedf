import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The learner's vault the notebook tests upload (test/fixtures/notebook-vault, written for these
 * tests): notes in three formats, #35 by its file name, a worked example, a broken link, an image,
 * a Latin-1 file and a note that tries to run script.
 */
export const vaultDir = join(__dirname, '..', 'fixtures', 'notebook-vault');

export function vaultFiles(): { name: string; bytes: Buffer }[] {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
  return walk(vaultDir)
    .sort()
    .map((path) => ({ name: relative(vaultDir, path).split(sep).join('/'), bytes: readFileSync(path) }));
}
