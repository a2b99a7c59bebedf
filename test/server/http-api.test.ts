import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, tempDatabase, type ServerProcess } from '../support/server-process';

describe('the HTTP API', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ db: tempDatabase() });
  });
  afterAll(async () => {
    await server.stop();
  });
  const get = (path: string) => fetch(`${server.url}${path}`);

  it('reports health', async () => {
    expect(await (await get('/healthz')).json()).toMatchObject({ ok: true, items: 84 });
  });

  it('lists the items and shows one whole', async () => {
    const items = (await (await get('/api/items')).json()) as { item: number }[];
    expect(items).toHaveLength(84);
    const item = (await (await get('/api/items/35')).json()) as Record<string, unknown>;
    expect(item).toMatchObject({ item: 35, title: 'Weighted loss functions', source: 'en/035-weighted-loss-functions.md' });
    expect(item['translations']).toHaveProperty('zh-Hant');
  });

  it('searches', async () => {
    const hits = (await (await get('/api/search?q=kl%20divergence&limit=3')).json()) as { item: number }[];
    expect(hits[0]?.item).toBe(22);
  });

  it('calculates with steps and refuses bad cases with the calculator’s code', async () => {
    const post = (body: unknown) => fetch(`${server.url}/api/calc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ok = (await (await post({ loss: 'mse', inputs: { yTrue: [200000, 250000, 300000], yPred: [210000, 240000, 310000] } })).json()) as { value: number; steps: unknown };
    expect(ok.value).toBe(100000000);
    expect(ok.steps).toBeDefined();
    const bad = await post({ loss: 'bce', inputs: { yTrue: [1], yPred: [2] } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: 'probability_out_of_range', message: expect.stringContaining('inputs.yPred[0] is 2') } });
    const malformed = await fetch(`${server.url}/api/calc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"loss":' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });

  it('refuses a body over the size limit', async () => {
    const big = await fetch(`${server.url}/api/calc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ loss: 'mse', inputs: { yTrue: new Array(100000).fill(1), yPred: new Array(100000).fill(1) } }) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('too_large');
  });

  it('answers errors as JSON without stack traces', async () => {
    const missing = await get('/api/items/999');
    expect(missing.status).toBe(404);
    const text = await missing.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'not_found', message: 'there is no item 999: the items run from 1 to 84.' } });
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('sends security headers with a content security policy for its own scripts only', async () => {
    const response = await get('/healthz');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves no file outside the client folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/%2e%2e%2fpackage.json', '/..%2f..%2fpackage.json']) {
      const response = await get(path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(await response.text(), path).not.toContain('"name": "loss-tutor"');
    }
  });
});
