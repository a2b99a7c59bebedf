import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledClientDir, bundledKnowledgeDir } from '../../src/cli/io';
import { startServer, type RunningServer } from '../../src/server/server';
import { rawRequest, resetAfterRequest, upgradeHeaders } from '../support/raw-http';
import { ChatClient, startServerProcess, tempDatabase, type ServerProcess } from '../support/server-process';

/**
 * Thousands of random and mutated frames at the real server (in this process, so the rate limit can
 * be raised for the flood), then a normal question: the server must still answer, and keep every turn.
 */
const validFrames = [
  { type: 'ask', id: 'v1', text: 'what is focal loss?' },
  { type: 'feedback', messageId: 'm', rating: 'up', comment: 'ok' },
];

const mutatedFrame = fc.tuple(fc.constantFrom(...validFrames), fc.string(), fc.anything()).map(([frame, key, value]) => {
  const copy: Record<string, unknown> = { ...frame };
  const keys = Object.keys(copy);
  if (key.length % 3 === 0) delete copy[keys[key.length % keys.length]!];
  else copy[key.length % 2 === 0 ? keys[key.length % keys.length]! : key] = value;
  return JSON.stringify(copy);
});

const randomFrame = fc.oneof(
  fc.json(),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  mutatedFrame,
  fc.anything().map((value) => JSON.stringify(value) ?? 'null'),
);

describe('the chat protocol under fuzzed frames', () => {
  let server: RunningServer;
  const db = tempDatabase();
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      kbDir: bundledKnowledgeDir,
      clientDir: bundledClientDir,
      dbFile: db,
      logLevel: 'silent',
      limits: { burstFrames: 100_000, framesPerSecond: 100_000, maxQueuedTurns: 100_000 },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('keeps answering and loses nothing after 3000 random frames', async () => {
    const wsUrl = `${server.url.replace('http', 'ws')}/ws`;
    const client = new ChatClient(wsUrl);
    const sessionId = String((await client.welcome())['sessionId']);
    const before = await client.ask('before', 'what is the hinge loss?');

    const frames = fc.sample(randomFrame, { numRuns: 3000, seed: 1125 });
    for (const frame of frames) client.send(frame);
    const answer = await client.ask('after', 'what is dice loss?');
    expect((answer['citations'] as { item: number }[])[0]?.item).toBe(28);
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    const errors = client.frames.filter((frame) => frame['type'] === 'error');
    expect(errors.length).toBeGreaterThan(1000);
    expect(errors.every((frame) => ['bad_request', 'not_found', 'internal'].includes(String(frame['code'])))).toBe(true);
    expect(errors.some((frame) => frame['code'] === 'internal')).toBe(false);
    client.close();

    const resumed = new ChatClient(`${wsUrl}?session=${sessionId}`);
    const history = (await resumed.welcome())['history'] as Record<string, unknown>[];
    const asked = history.filter((entry) => entry['role'] === 'user').map((entry) => entry['id']);
    expect(asked[0]).toBe('before');
    expect(asked.at(-1)).toBe('after');
    expect(history.find((entry) => entry['messageId'] === before['messageId'])).toBeDefined();
    resumed.close();
  });
});

/**
 * Upgrade requests with broken handshake headers, huge headers and odd request targets, sent raw to
 * a real server process: every one gets an HTTP answer, the process lives, and the next client is
 * answered.
 */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 60 });
const garbage = fc.oneof(headerText, fc.string({ unit: 'grapheme', maxLength: 30 }).map((text) => encodeURIComponent(text)), fc.constantFrom('%', '%ZZ', '%00', '%E0%A4%A', '%2F..%2F', '\u0000'));

const target = fc.oneof(
  fc.constantFrom('//', '/%00', '/ws%00', '//ws', '/ws/', '/ws/../ws', '/%2e%2e/ws', '/ws%2F', '/ws?', '/ws?session', '/ws?session=', '/ws#x', '*', '/ws?session=a&session=b'),
  garbage.map((junk) => `/ws?session=${junk}`),
  garbage.map((junk) => `/${junk}`),
  fc.constantFrom('http://127.0.0.1/ws', 'ws://127.0.0.1/ws', 'http://[::1]:1/ws', 'http://[/ws', 'https://evil.example/ws?session=x', 'http://user:pass@127.0.0.1/ws', 'mailto:ws'),
  headerText.map((junk) => `http://${junk}/ws`),
);

const key = fc.oneof(fc.constant(undefined), fc.constantFrom('', 'not base64!', 'AAAA', 'dGhlIHNhbXBsZSBub25jZQ==, dGhlIHNhbXBsZSBub25jZQ=='), headerText, fc.uint8Array({ minLength: 0, maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64')));
const version = fc.oneof(fc.constant(undefined), fc.constantFrom('', '8', '12', '14', '13, 8', '99999999999999999999', '-13', '0x0d'), headerText);

const probe = fc.record({
  method: fc.constantFrom('GET', 'GET', 'GET', 'POST', 'HEAD', 'OPTIONS', 'CONNECT'),
  target,
  upgrade: fc.constantFrom('websocket', 'WebSocket', 'h2c', '', 'websocket, h2c'),
  connection: fc.constantFrom('Upgrade', 'keep-alive, Upgrade', 'upgrade', 'close'),
  key,
  version,
  extras: fc.array(
    fc.oneof(
      headerText.map((value) => `Origin: ${value}`),
      headerText.map((value) => `Sec-WebSocket-Extensions: permessage-deflate; ${value}`),
      headerText.map((value) => `Sec-WebSocket-Protocol: ${value}`),
      headerText.map((value) => `X-Forwarded-For: ${value}`),
      // No Content-Length or Transfer-Encoding: a request announcing a body it never sends just waits for it.
      fc.constantFrom('Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=99', 'Host: ', 'Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA=='),
    ),
    { maxLength: 3 },
  ),
});

/** Headers past what HTTP servers take: one huge value, and very many small ones. */
const hugeHeaders = (port: string): string[][] => [
  [...upgradeHeaders(port), `X-Filler: ${'a'.repeat(20_000)}`],
  [...upgradeHeaders(port), `Origin: http://${'o'.repeat(100_000)}.example`],
  [...upgradeHeaders(port), ...Array.from({ length: 3000 }, (_, i) => `X-Many-${i}: ${i}`)],
  upgradeHeaders(port).map((line) => (line.startsWith('Sec-WebSocket-Key') ? `Sec-WebSocket-Key: ${'A'.repeat(50_000)}` : line)),
];

describe('the upgrade path under fuzzed handshakes and request targets', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ db: tempDatabase() });
  }, 60_000);
  afterAll(async () => {
    await server.stop();
  });

  it('answers every probe over HTTP, stays up, and then serves a normal conversation', async () => {
    const { port } = new URL(server.url);
    const probes = fc.sample(probe, { numRuns: 400, seed: 1812 }).map((p) => [
      `${p.method} ${p.target} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Upgrade: ${p.upgrade}`,
      `Connection: ${p.connection}`,
      ...(p.key === undefined ? [] : [`Sec-WebSocket-Key: ${p.key}`]),
      ...(p.version === undefined ? [] : [`Sec-WebSocket-Version: ${p.version}`]),
      ...p.extras,
    ]);
    const requests = [...probes, ...hugeHeaders(port).map((headers) => ['GET /ws HTTP/1.1', ...headers])];
    const statuses: string[] = [];
    // In batches, as many browsers at once would: enough to overlap, not enough to hit the address limit.
    for (let i = 0; i < requests.length; i += 20) statuses.push(...(await Promise.all(requests.slice(i, i + 20).map((lines) => rawRequest(server.url, lines)))));

    expect(server.child.exitCode).toBeNull();
    const unanswered = requests.filter((_, i) => !/^HTTP\/1\.1 \d{3}/.test(statuses[i]!));
    expect(unanswered.map((lines) => lines.join(' | ').slice(0, 200))).toEqual([]);
    expect(statuses.filter((status) => /^HTTP\/1\.1 5/.test(status))).toEqual([]);
    // The huge headers are refused as such (431) or as a bad request, never upgraded.
    for (const status of statuses.slice(-4)) expect(status).toMatch(/^HTTP\/1\.1 4\d\d/);

    const client = new ChatClient(server.wsUrl);
    await client.welcome();
    const answer = await client.ask('after-upgrades', 'what is dice loss?');
    expect((answer['citations'] as { item: number }[])[0]?.item).toBe(28);
    client.close();
  }, 120_000);

  it('lives through clients that reset the connection before the refusal of their upgrade or CONNECT reaches them', async () => {
    const { port } = new URL(server.url);
    const refused = [
      ['GET /ws HTTP/1.1', ...upgradeHeaders(port, ['Origin: null'])],
      ['GET //ws HTTP/1.1', ...upgradeHeaders(port)],
      ['GET /elsewhere HTTP/1.1', ...upgradeHeaders(port)],
      ['CONNECT 127.0.0.1:22 HTTP/1.1', 'Host: 127.0.0.1:22'],
    ].map((lines) => [...lines, '', ''].join('\r\n'));
    for (let round = 0; round < 10; round++) await Promise.all(Array.from({ length: 100 }, (_, i) => resetAfterRequest(server.url, refused[i % refused.length]!)));
    expect(server.child.exitCode).toBeNull();
    const client = new ChatClient(server.wsUrl);
    await client.welcome();
    expect((await client.ask('after-resets', 'what is dice loss?'))['citations']).toBeDefined();
    client.close();
  }, 120_000);
});
