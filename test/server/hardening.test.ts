import { createServer, type Server } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, writeSync, closeSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { openSqliteStore } from '../../src/store/sqlite-store';
import { rawRequest, upgradeHeaders } from '../support/raw-http';
import { ChatClient, failedStart, startServerProcess, tempDatabase, type ServerProcess } from '../support/server-process';

async function normalConversation(wsUrl: string): Promise<void> {
  const client = new ChatClient(wsUrl);
  await client.welcome();
  const answer = await client.ask('after-probes', 'what is focal loss?');
  expect((answer['citations'] as { item: number }[])[0]?.item).toBe(27);
  client.close();
  await client.closed;
}

describe('probes that used to kill the server process', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ db: tempDatabase() });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses an upgrade whose Origin is not a URL with 403, and lives', async () => {
    const { port } = new URL(server.url);
    for (const origin of ['null', 'not a url', 'http://[::1', '']) {
      const status = await rawRequest(server.url, ['GET /ws HTTP/1.1', ...upgradeHeaders(port, [`Origin: ${origin}`])]);
      expect(status).toMatch(/^HTTP\/1\.1 403/);
    }
    await normalConversation(server.wsUrl);
  });

  it('refuses absolute-form and odd request targets on the upgrade path, and lives', async () => {
    const { port } = new URL(server.url);
    for (const target of ['http://[/ws', 'http://127.0.0.1:1/ws', '//ws', '*']) {
      const status = await rawRequest(server.url, [`GET ${target} HTTP/1.1`, ...upgradeHeaders(port)]);
      expect(status).toMatch(/^HTTP\/1\.1 400/);
    }
    // Odd but origin-form: upgraded or refused, either way the process lives.
    for (const target of ['/ws?session=%E0%A4%A', '/ws#x', '/ws?session=' + 'x'.repeat(6000)]) await rawRequest(server.url, [`GET ${target} HTTP/1.1`, ...upgradeHeaders(port)]);
    await normalConversation(server.wsUrl);
  });

  it('answers odd POST /api/calc bodies with their own codes', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/calc`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const long = await post(JSON.stringify({ loss: 'm'.repeat(250_000), y: [1], yhat: [1] }));
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    const huge = await post('{"loss":"mse","y":[1e309],"yhat":[1]}');
    expect(huge.status).toBe(400);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('non_finite');
    const encoded = await post('{"loss":"mse"}', { 'content-encoding': 'x-bogus' });
    expect(encoded.status).toBe(415);
    expect(((await encoded.json()) as { error: { code: string } }).error.code).toBe('unsupported_encoding');
  });

  it('lets pages connect only to their own host', async () => {
    const csp = (await fetch(server.url)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
  });

  it('refuses a question over the length bound with too_large, and a ninth queued question with rate_limited', async () => {
    const client = new ChatClient(server.wsUrl);
    await client.welcome();
    client.send({ type: 'ask', id: 'long', text: '1,'.repeat(10_000) });
    expect(await client.next((frame) => frame['replyTo'] === 'long')).toMatchObject({ type: 'error', code: 'too_large' });
    for (let i = 0; i < 12; i++) client.send({ type: 'ask', id: `q${i}`, text: 'what is MSE?' });
    await client.next((frame) => frame['replyTo'] === 'q7' && frame['type'] === 'answer');
    const refused = client.frames.filter((frame) => frame['type'] === 'error' && frame['code'] === 'rate_limited');
    expect(refused.length).toBeGreaterThan(0);
    client.close();
  });

  it('takes feedback only on the session\'s own answers', async () => {
    const owner = new ChatClient(server.wsUrl);
    await owner.welcome();
    const answer = await owner.ask('own', 'what is MSE?');
    const other = new ChatClient(server.wsUrl);
    await other.welcome();
    other.send({ type: 'feedback', messageId: answer['messageId'], rating: 'down' });
    expect(await other.next((frame) => frame['type'] === 'error')).toMatchObject({ code: 'not_found' });
    owner.send({ type: 'feedback', messageId: answer['messageId'], rating: 'up' });
    expect(await owner.next((frame) => frame['type'] === 'ack')).toMatchObject({ replyTo: answer['messageId'] });
    owner.close();
    other.close();
  });
});

describe('a resent ask id', () => {
  it('is answered once per session: the resend, even after a reconnect, gets the stored answer', async () => {
    const server = await startServerProcess({ db: tempDatabase() });
    const first = new ChatClient(server.wsUrl);
    const sessionId = String((await first.welcome())['sessionId']);
    const answer = await first.ask('same', 'what is huber loss?');
    first.close();
    await first.closed;
    const again = new ChatClient(`${server.wsUrl}?session=${sessionId}`);
    await again.welcome();
    const resent = await again.ask('same', 'what is huber loss?');
    expect(resent['messageId']).toBe(answer['messageId']);
    again.close();
    const reader = new ChatClient(`${server.wsUrl}?session=${sessionId}`);
    const history = (await reader.welcome())['history'] as unknown[];
    expect(history).toHaveLength(2);
    reader.close();
    await server.stop();
  }, 120_000);
});

describe('heavy legal questions from other connections', () => {
  // Sixty numbered questions, each its own part with its own search and calculation: the heaviest
  // legal question there is, since a term said many times is searched once.
  const losses = ['huber', 'mse', 'mae', 'focal', 'hinge', 'log-cosh', 'bce', 'smooth l1'];
  const numbered = (parts: number) =>
    Array.from({ length: parts }, (_, i) => `${i + 1}. what is the ${losses[i % 8]} loss of ${i},${i + 1},${i + 2} vs ${i + 1},${i},${i + 3}?`).join(' ');
  const heavy = numbered(60).slice(0, 3990);

  it('stop a question over the CPU budget with over_budget, and the next question is answered', async () => {
    // Three hundred parts take 100-400 ms of CPU (warm or on a fresh thread), sixty only 40-70: too
    // close to the budget to be cut every time. A light question takes a few ms.
    const server = await startServerProcess({ db: tempDatabase(), args: ['--engine-threads', '1', '--max-turn-cpu-ms', '50', '--max-question-chars', '20000'] });
    const client = new ChatClient(server.wsUrl);
    await client.welcome();
    client.send({ type: 'ask', id: 'heavy', text: numbered(300) });
    const cut = await client.next((frame) => frame['replyTo'] === 'heavy');
    expect(cut).toMatchObject({ type: 'error', code: 'over_budget' });
    expect(cut['message']).toMatch(/50 ms/);
    // The thread that held it was stopped; its replacement answers.
    expect((await client.ask('light', 'what is focal loss?'))['citations']).toBeDefined();
    client.close();
    await server.stop();
  }, 120_000);

  it('do not hold up a learner asking light ones: the threads take turns between connections by time used', async () => {
    const server = await startServerProcess({ db: tempDatabase(), args: ['--engine-threads', '1'] });
    const senders = Array.from({ length: 5 }, () => new ChatClient(server.wsUrl));
    const learner = new ChatClient(server.wsUrl);
    await Promise.all([...senders, learner].map((client) => client.welcome()));
    const heavyAnswers = () => senders.reduce((count, client) => count + client.frames.filter((frame) => frame['type'] === 'answer').length, 0);
    for (const client of senders) for (let i = 0; i < 4; i++) client.send({ type: 'ask', id: `h${i}`, text: heavy });
    // Once every sender has had a heavy turn, each has used far more thread time than the learner.
    for (const client of senders) await client.next((frame) => frame['replyTo'] === 'h0' && frame['type'] === 'answer', 60_000);
    for (let q = 0; q < 3; q++) {
      const before = heavyAnswers();
      await learner.ask(`light${q}`, 'what is MSE?');
      // The heavy turn running when it was asked comes first, and while the learner's answer is being
      // committed the thread may finish another; in arrival order the learner would wait for every
      // sender's queued turns (fifteen here), so fewer than one per sender is the fair order.
      expect(heavyAnswers() - before).toBeLessThan(senders.length);
    }
    for (const client of [...senders, learner]) client.close();
    await server.stop();
  }, 120_000);
});

describe('an answer over the size bound', () => {
  it('is refused with too_large and not stored; the next question is answered', async () => {
    const server = await startServerProcess({ db: tempDatabase(), args: ['--max-answer-bytes', '4096'] });
    const client = new ChatClient(server.wsUrl);
    const sessionId = String((await client.welcome())['sessionId']);
    const numbers = Array.from({ length: 200 }, (_, i) => i % 10);
    client.send({ type: 'ask', id: 'big', text: `What is the MSE of targets ${numbers.join(', ')} and predictions ${numbers.reverse().join(', ')}?` });
    const refused = await client.next((frame) => frame['replyTo'] === 'big' && (frame['type'] === 'error' || frame['type'] === 'answer'));
    expect(refused).toMatchObject({ type: 'error', code: 'too_large' });
    expect(refused['message']).toMatch(/over the 4 KiB/);
    expect((await client.ask('small', 'what is focal loss?'))['citations']).toBeDefined();
    client.close();
    const reader = new ChatClient(`${server.wsUrl}?session=${sessionId}`);
    const history = (await reader.welcome())['history'] as { role: string; id?: string }[];
    expect(history.filter((message) => message.role === 'user').map((message) => message.id)).toEqual(['small']);
    reader.close();
    await server.stop();
  }, 120_000);
});

describe('SIGTERM with questions queued', () => {
  it('answers or hands back every queued question before it exits', async () => {
    const server = await startServerProcess({ db: tempDatabase(), args: ['--max-queued-turns', '100', '--burst-frames', '100', '--shutdown-grace-ms', '1'] });
    const clients = [new ChatClient(server.wsUrl), new ChatClient(server.wsUrl)];
    await Promise.all(clients.map((client) => client.welcome()));
    for (const [c, client] of clients.entries()) for (let i = 0; i < 50; i++) client.send({ type: 'ask', id: `c${c}-${i}`, text: `what is the MSE of targets ${i}, 2 and predictions 1, 2?` });
    await clients[0]!.next((frame) => frame['type'] === 'answer');
    expect(await server.stop()).toBe(0);
    for (const [c, client] of clients.entries()) {
      await client.closed;
      for (let i = 0; i < 50; i++) {
        const reply = client.frames.find((frame) => frame['replyTo'] === `c${c}-${i}` && (frame['type'] === 'answer' || frame['type'] === 'error'));
        expect(reply, `c${c}-${i}`).toBeDefined();
        if (reply?.['type'] === 'error') expect(reply['message']).toMatch(/send this question again/);
      }
    }
  }, 120_000);
});

describe('a full disk', () => {
  it('closes a new connection with a reason naming the full database, and lives', async () => {
    const db = tempDatabase();
    // Fill a database to 48 pages (196 KB); the server is then held to that size.
    const store = openSqliteStore(db);
    store.close();
    const raw = new Database(db);
    raw.pragma('max_page_count = 48');
    const insert = raw.prepare('INSERT INTO sessions (id, created_at, state) VALUES (?, ?, ?)');
    // Big rows first, then ever smaller ones, until not even a new session's row fits.
    let rows = 0;
    for (const size of [500, 100, 20, 0]) {
      try {
        for (;;) insert.run(`filler-${rows++}-${randomBytes(12).toString('base64url')}`, new Date().toISOString(), 'x'.repeat(size));
      } catch (error) {
        expect(String(error)).toMatch(/full/);
      }
    }
    raw.close();
    const server = await startServerProcess({ db, args: ['--max-db-bytes', String(48 * 4096)] });
    const refused = new ChatClient(server.wsUrl);
    const closed = await refused.closed;
    expect(closed.code).toBe(1011);
    expect(closed.reason, closed.reason).toMatch(/full/);
    expect(server.child.exitCode).toBeNull();
    // A second connection is refused the same way, and the process is still there to answer HTTP.
    const again = new ChatClient(server.wsUrl);
    expect((await again.closed).code).toBe(1011);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await server.stop()).toBe(0);
  }, 120_000);
});

describe('a damaged database', () => {
  it('answers a resume of a session on damaged pages with a close reason, and lives', async () => {
    const db = tempDatabase();
    const store = openSqliteStore(db);
    const session = await store.createSession();
    await store.close();
    // Pages 2 and up hold the tables and their indexes; page 1 (the schema) is left whole so the server starts.
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, 4096);
    closeSync(fd);
    const server = await startServerProcess({ db });
    const client = new ChatClient(`${server.wsUrl}?session=${session.id}`);
    const closed = await client.closed;
    expect(closed.code).toBe(1011);
    expect(closed.reason).toMatch(/damaged|malformed/);
    expect(server.child.exitCode).toBeNull();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    await server.stop();
  }, 120_000);
});

describe('startup errors exit 1 at once with the cause and the fix', () => {
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => {
    blocker.close();
  });

  const folder = () => mkdtempSync(join(tmpdir(), 'loss-tutor-start-'));
  const cases: [string, () => string[], RegExp][] = [
    ['a port in use', () => ['--port', String(port), '--db', tempDatabase()], /port .*in use.*--port/],
    [
      'a file that is not a database',
      () => {
        const file = join(folder(), 'tutor.db');
        writeFileSync(file, 'this is not a database, it is a text file that is long enough to have a header page '.repeat(100));
        return ['--port', '0', '--db', file];
      },
      /not a loss-tutor database.*--db/,
    ],
    [
      'a folder that cannot be made',
      () => {
        const file = join(folder(), 'plain-file');
        writeFileSync(file, '');
        return ['--port', '0', '--db', join(file, 'sub', 'tutor.db')];
      },
      /cannot create the folder.*--db/,
    ],
    ['a folder that cannot be written', () => ['--port', '0', '--db', '/sys/loss-tutor/tutor.db'], /cannot create the folder.*--db/],
    [
      'a path that is a folder',
      () => {
        const dir = join(folder(), 'tutor.db');
        mkdirSync(dir);
        return ['--port', '0', '--db', dir];
      },
      /is a folder.*--db/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(`for ${what}`, async () => {
      const result = await failedStart(args());
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/EEXIST|ENOTDIR|unable to open database file|at .*\.ts:\d+/);
      expect(result.code).toBe(1);
      expect(result.msToExit).toBeLessThan(1000);
    }, 60_000);
  }
});

/** Opens /ws with these headers; resolves with 101 and the open socket, or the refusal's status. */
function upgrade(wsUrl: string, headers: Record<string, string>): Promise<{ status: number; socket?: WebSocket }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, { headers });
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (request, response) => {
      resolve({ status: response.statusCode ?? 0 });
      request.destroy();
    });
    socket.once('error', (error) => {
      if (socket.readyState !== WebSocket.CLOSED) reject(error);
    });
  });
}

/** Two connections, as two clients behind a proxy on 127.0.0.1: the second one's status. */
async function secondClientStatus(wsUrl: string): Promise<number> {
  const first = await upgrade(wsUrl, { 'X-Forwarded-For': '203.0.113.1' });
  expect(first.status).toBe(101);
  const second = await upgrade(wsUrl, { 'X-Forwarded-For': '203.0.113.2' });
  first.socket?.close();
  second.socket?.close();
  return second.status;
}

describe('behind a reverse proxy', () => {
  // One connection per address, so that a second connection shows whether it counted as another client.
  let untrusting: ServerProcess;
  let trusting: ServerProcess;
  let trustingAnother: ServerProcess;
  let trustingOneHop: ServerProcess;
  beforeAll(async () => {
    [untrusting, trusting, trustingAnother, trustingOneHop] = await Promise.all([
      startServerProcess({ db: tempDatabase(), args: ['--max-connections-per-address', '1', '--allowed-origin', 'https://notes.example.org, https://lab.example.org:8443'] }),
      startServerProcess({ db: tempDatabase(), env: { LOSS_TUTOR_TRUST_PROXY: 'loopback', LOSS_TUTOR_MAX_CONNECTIONS_PER_ADDRESS: '1' } }),
      startServerProcess({ db: tempDatabase(), args: ['--trust-proxy', '192.0.2.7, 10.0.0.0/8', '--max-connections-per-address', '1'] }),
      startServerProcess({ db: tempDatabase(), args: ['--trust-proxy', '1', '--max-connections-per-address', '1'] }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([untrusting.stop(), trusting.stop(), trustingAnother.stop(), trustingOneHop.stop()]);
  });

  it('counts two X-Forwarded-For clients from a trusted proxy as two', async () => {
    expect(await secondClientStatus(trusting.wsUrl)).toBe(101);
  });

  it('counts them as one address with trust off', async () => {
    expect(await secondClientStatus(untrusting.wsUrl)).toBe(429);
  });

  it('ignores X-Forwarded-For from an address it does not trust', async () => {
    expect(await secondClientStatus(trustingAnother.wsUrl)).toBe(429);
  });

  it('with a hop count, takes the client from that many hops back, not what the client wrote before them', async () => {
    // One trusted hop: the address the proxy appended is the client; the forged entry before it is not.
    const first = await upgrade(trustingOneHop.wsUrl, { 'X-Forwarded-For': '198.51.100.1, 203.0.113.5' });
    const forged = await upgrade(trustingOneHop.wsUrl, { 'X-Forwarded-For': '198.51.100.2, 203.0.113.5' });
    const another = await upgrade(trustingOneHop.wsUrl, { 'X-Forwarded-For': '198.51.100.1, 203.0.113.6' });
    expect([first.status, forged.status, another.status]).toEqual([101, 429, 101]);
    for (const { socket } of [first, forged, another]) socket?.close();
  });

  it('takes the same client behind the proxy twice as one address', async () => {
    const first = await upgrade(trusting.wsUrl, { 'X-Forwarded-For': '203.0.113.9' });
    const again = await upgrade(trusting.wsUrl, { 'X-Forwarded-For': '203.0.113.9' });
    first.socket?.close();
    expect(again.status).toBe(429);
  });

  it('reads the client from a trusted proxy\'s RFC 7239 Forwarded header when it sends no X-Forwarded-For', async () => {
    const first = await upgrade(trusting.wsUrl, { Forwarded: 'for=198.51.100.30;proto=http' });
    const again = await upgrade(trusting.wsUrl, { Forwarded: 'for="198.51.100.30:5123"' });
    const v6 = await upgrade(trusting.wsUrl, { Forwarded: 'for="[2001:db8::7]:4711", for=127.0.0.1' });
    const v6Again = await upgrade(trusting.wsUrl, { Forwarded: 'For="[2001:db8::7]"' });
    expect([first.status, again.status, v6.status, v6Again.status]).toEqual([101, 429, 101, 429]);
    for (const { socket } of [first, again, v6, v6Again]) socket?.close();
    // From an address it does not trust, Forwarded names nobody: both count as the socket's peer.
    const untrusted = await upgrade(trustingAnother.wsUrl, { Forwarded: 'for=198.51.100.31' });
    const other = await upgrade(trustingAnother.wsUrl, { Forwarded: 'for=198.51.100.32' });
    expect([untrusted.status, other.status]).toEqual([101, 429]);
    untrusted.socket?.close();
  });

  it('prefers X-Forwarded-For to Forwarded, which a proxy that sets the former passes on from the client untouched', async () => {
    const first = await upgrade(trusting.wsUrl, { 'X-Forwarded-For': '198.51.100.40', Forwarded: 'for=198.51.100.41' });
    const same = await upgrade(trusting.wsUrl, { 'X-Forwarded-For': '198.51.100.40', Forwarded: 'for=198.51.100.42' });
    expect([first.status, same.status]).toEqual([101, 429]);
    first.socket?.close();
  });

  it('reads the origin the browser used from a trusted proxy\'s Forwarded host and proto', async () => {
    const proxied = { Origin: 'https://tutor.example.org', Forwarded: 'for=203.0.113.60;host=tutor.example.org;proto=https' };
    const accepted = await upgrade(trusting.wsUrl, proxied);
    expect(accepted.status).toBe(101);
    accepted.socket?.close();
    expect((await upgrade(trusting.wsUrl, { ...proxied, Forwarded: 'for=203.0.113.61;host=tutor.example.org;proto=http' })).status).toBe(403);
    expect((await upgrade(untrusting.wsUrl, proxied)).status).toBe(403);
  });

  it('reads the origin the browser used from a trusted proxy that rewrote Host (nginx\'s default)', async () => {
    // ws sends Host: 127.0.0.1:PORT, as nginx's `proxy_set_header Host $proxy_host` does.
    const proxied = { Origin: 'https://tutor.example.org', 'X-Forwarded-Host': 'tutor.example.org', 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.20' };
    const accepted = await upgrade(trusting.wsUrl, proxied);
    expect(accepted.status).toBe(101);
    accepted.socket?.close();
    expect((await upgrade(trusting.wsUrl, { ...proxied, 'X-Forwarded-For': '203.0.113.21', 'X-Forwarded-Proto': 'http' })).status).toBe(403);
    expect((await upgrade(trusting.wsUrl, { ...proxied, 'X-Forwarded-For': '203.0.113.22', Origin: 'https://elsewhere.example.org' })).status).toBe(403);
    // The same headers from a client it does not trust name nothing: the Origin is not this host.
    expect((await upgrade(untrusting.wsUrl, proxied)).status).toBe(403);
    expect((await upgrade(trustingAnother.wsUrl, proxied)).status).toBe(403);
  });

  it('accepts its own origin and the --allowed-origin list, and no other', async () => {
    const { port } = new URL(untrusting.url);
    const statusFor = async (origin: string) => {
      const result = await upgrade(untrusting.wsUrl, { Origin: origin });
      result.socket?.close();
      if (result.socket) await new Promise((resolve) => result.socket!.once('close', resolve));
      return result.status;
    };
    expect(await statusFor(`http://127.0.0.1:${port}`)).toBe(101);
    expect(await statusFor('https://notes.example.org')).toBe(101);
    expect(await statusFor('https://lab.example.org:8443')).toBe(101);
    expect(await statusFor('https://lab.example.org')).toBe(403);
    expect(await statusFor('http://notes.example.org')).toBe(403);
    expect(await statusFor('null')).toBe(403);
  });

  it('refuses a bad --trust-proxy or --allowed-origin at startup, saying what to pass', async () => {
    const badTrust = await failedStart(['--trust-proxy', 'not-an-address']);
    // 2: a usage error, as for every bad serve option.
    expect(badTrust.code).toBe(2);
    expect(badTrust.stderr).toMatch(/trust-proxy: use true, false, a hop count/);
    const badOrigin = await failedStart(['--allowed-origin', 'https://tutor.example.org/chat']);
    expect(badOrigin.code).toBe(2);
    expect(badOrigin.stderr).toMatch(/allowed-origin: a comma list of origins/);
  }, 60_000);
});
