/**
 * A build of src/ (as dist/ is laid out) and of bench/minimal-server/ in a temporary folder,
 * transpiled file by file, so that the start-up bench runs both servers as plain JavaScript, the
 * way `loss-tutor serve` runs once installed, without waiting for a type-checked build.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..');

function transpileTree(from: string, to: string): void {
  for (const file of readdirSync(from, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const output = ts.transpileModule(readFileSync(join(from, file), 'utf8'), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true },
      fileName: file,
    });
    const target = join(to, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output.outputText);
  }
}

export interface TranspiledBuild {
  dir: string;
  /** dist/cli/main.js: `node <cli> serve ...` is `loss-tutor serve ...`. */
  cli: string;
  minimalServer: string;
}

export function transpiledBuild(): TranspiledBuild {
  const dir = mkdtempSync(join(tmpdir(), 'loss-tutor-build-'));
  transpileTree(join(root, 'src'), join(dir, 'dist'));
  transpileTree(join(root, 'bench', 'minimal-server'), join(dir, 'bench', 'minimal-server'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), readFileSync(join(root, 'package.json')));
  return { dir, cli: join(dir, 'dist', 'cli', 'main.js'), minimalServer: join(dir, 'bench', 'minimal-server', 'minimal-server.js') };
}
