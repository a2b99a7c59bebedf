import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The core is shared with the browser: it must import nothing outside itself and touch no I/O. */
const coreDir = resolve(__dirname, '../../src/core');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));

describe('the core', () => {
  for (const file of files(coreDir)) {
    const name = relative(coreDir, file);
    const source = readFileSync(file, 'utf8');
    it(`${name} imports only from inside src/core`, () => {
      for (const [, target] of source.matchAll(/from '([^']+)'/g)) {
        expect(target!.startsWith('.'), `${name} imports ${target}`).toBe(true);
        expect(resolve(join(file, '..'), target!).startsWith(coreDir), `${name} imports ${target}`).toBe(true);
      }
    });
    it(`${name} uses no Node or DOM API`, () => {
      const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code).not.toMatch(/\b(require\(|process\.|globalThis|window\.|document\.|fetch\(|setTimeout|console\.|Buffer\b)/);
    });
  }
});
