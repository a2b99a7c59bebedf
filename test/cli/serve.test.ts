import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

describe('loss-tutor serve', () => {
  it('refuses an invalid option before starting, naming the options to check', async () => {
    for (const argv of [['--engine-threads=-1'], ['--engine-threads', 'many'], ['--port', '70000'], ['--log-level', 'loud']]) {
      const { code, stderr } = await runCli(['serve', ...argv]);
      expect(code).not.toBe(0);
      expect(stderr).toMatch(/a serve option is invalid: .*Check --port, --host, --log-level, --engine-threads, --trust-proxy, --allowed-origin and the limits/);
    }
  });
});
