// Bundles the web client (client/src) and its assets into dist/client, so the server
// works with no internet: every script, style and font is served from the package itself.
import { build } from 'esbuild';
import { cpSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'client');
mkdirSync(out, { recursive: true });

if (existsSync(join(root, 'client', 'src', 'main.ts'))) {
  await build({
    entryPoints: [join(root, 'client', 'src', 'main.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    outfile: join(out, 'app.js'),
    loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' },
    logLevel: 'warning',
  });
}
if (existsSync(join(root, 'client', 'public'))) {
  cpSync(join(root, 'client', 'public'), out, { recursive: true });
}
// KaTeX's stylesheet and fonts, served from the package so formulas render with no internet.
const katexDist = join(root, 'node_modules', 'katex', 'dist');
mkdirSync(join(out, 'katex'), { recursive: true });
cpSync(join(katexDist, 'katex.min.css'), join(out, 'katex', 'katex.min.css'));
cpSync(join(katexDist, 'fonts'), join(out, 'katex', 'fonts'), { recursive: true });
