import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { limitSettings, serverOptionsSchema } from '../../src/server/server-options';

const root = join(__dirname, '../..');
const protocol = readFileSync(join(root, 'docs', 'protocol.md'), 'utf8');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const defaults = serverOptionsSchema.parse({ kbDir: 'notes', clientDir: 'client' }).limits;

describe('the documented limits', () => {
  it.each(limitSettings.map((setting) => [setting.flag, setting] as const))('--%s is in docs/protocol.md with its variable and default, and in the README', (_flag, setting) => {
    const value = defaults[setting.limit];
    expect(protocol).toContain(`| \`--${setting.flag}\` | \`${setting.env}\` | ${value === undefined ? 'none' : String(value)} |`);
    expect(readme).toContain(`\`--${setting.flag}\``);
    expect(readme).toContain(`\`${setting.env}\``);
  });
});
