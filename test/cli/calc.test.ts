import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const runCalc = (argv: string[], stdin = '') => runCli(['calc', ...argv], { stdin, env: {} });

const root = join(__dirname, '../..');

describe('loss-tutor calc', () => {
  it('shows the house-price MSE with its steps', async () => {
    const { code, stdout } = await runCalc(['mse', '--y-true', '200000,250000,300000', '--y-pred', '210000,240000,310000']);
    expect(code).toBe(0);
    expect(stdout).toContain('mean squared error = 100000000');
    expect(stdout).toContain('(100000000 + 100000000 + 100000000) / 3 = 100000000');
  });

  it('prints one JSON document with --json', async () => {
    const { stdout } = await runCalc(['huber', '--y-true', '0,0', '--y-pred', '0.5,3', '--param', 'delta=1', '--json']);
    const json = JSON.parse(stdout) as { value: number; params: object; grad: number[]; steps: { rows: unknown[] } };
    expect(json.value).toBeCloseTo((0.125 + 2.5) / 2, 12);
    expect(json.params).toEqual({ delta: 1 });
    expect(json.grad).toEqual([0.25, 0.5]);
    expect(json.steps.rows).toHaveLength(2);
  });

  it('reads rows separated by semicolons', async () => {
    const { stdout } = await runCalc(['cross-entropy', '--y-true', '0,1', '--y-pred', '2,0;0,2', '--json']);
    expect((JSON.parse(stdout) as { value: number }).value).toBeCloseTo(Math.log(1 + Math.exp(-2)), 12);
  });

  it('refuses a misspelt parameter with a hint', async () => {
    const { code, stderr } = await runCalc(['huber', '--y-true', '1', '--y-pred', '2', '--param', 'delt=1']);
    expect(code).toBe(2);
    expect(stderr).toContain('huber has no parameter "delt": did you mean delta?');
  });

  it('answers a batch line by line, an error row for a bad line, and goes on', async () => {
    const input = [
      '{"id":"a","loss":"mse","inputs":{"yTrue":[1,2],"yPred":[1,3]}}',
      'this is not json',
      '',
      '{"id":"b","loss":"bce","inputs":{"yTrue":[1],"yPred":[1.5]}}',
      '{"id":"c","loss":"mae","reduction":"none","inputs":{"yTrue":[1,2],"yPred":[2,0]}}',
    ].join('\n');
    const { stdout } = await runCalc(['--batch'], input);
    const rows = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toEqual([
      { id: 'a', value: 0.5, grad: [0, 1] },
      { id: null, error: { code: 'bad_json', message: expect.stringContaining('line 2 is not JSON') } },
      { id: 'b', error: { code: 'probability_out_of_range', message: expect.stringContaining('inputs.yPred[0] is 1.5') } },
      { id: 'c', value: [1, 2], grad: null },
    ]);
  });

  it('runs as a separate process, reading stdin', () => {
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/main.ts', 'calc', '--batch'], {
      cwd: root,
      input: '{"id":"x","loss":"mse","inputs":{"yTrue":[200000,250000,300000],"yPred":[210000,240000,310000]}}\n',
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 'x', value: 100000000 });
  });
});
