import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const root = join(__dirname, '../..');

/** Debian's Chromium, never a downloaded browser; the flags keep it off this machine's closed network. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The server serves the built client: build it once if this checkout has not. */
export function ensureClientBuilt(): void {
  if (!existsSync(join(root, 'dist', 'client', 'app.js'))) execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: root });
}
