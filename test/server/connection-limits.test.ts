import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { bundledClientDir, bundledKnowledgeDir } from '../../src/cli/io';
import { startServer, type RunningServer } from '../../src/server/server';
import { ChatClient, tempDatabase } from '../support/server-process';

/** The real server in this process, with a short heartbeat and a small cap so both show quickly. */
describe('connection limits', () => {
  let server: RunningServer;
  let wsUrl: string;
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      kbDir: bundledKnowledgeDir,
      clientDir: bundledClientDir,
      dbFile: tempDatabase(),
      logLevel: 'silent',
      limits: { connectionsPerAddress: 3, heartbeatMs: 200 },
    });
    wsUrl = `${server.url.replace('http', 'ws')}/ws`;
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a connection over the cap for one address with 429, and admits one when a slot frees', async () => {
    const clients = [new ChatClient(wsUrl), new ChatClient(wsUrl), new ChatClient(wsUrl)];
    await Promise.all(clients.map((client) => client.welcome()));
    const refused = new WebSocket(wsUrl);
    const status = await new Promise<number | undefined>((resolve) => refused.on('unexpected-response', (_req, res) => resolve(res.statusCode)));
    expect(status).toBe(429);
    clients[0]!.close();
    await clients[0]!.closed;
    const admitted = new ChatClient(wsUrl);
    expect((await admitted.welcome())['type']).toBe('welcome');
    for (const client of [...clients.slice(1), admitted]) client.close();
    await Promise.all([...clients.slice(1), admitted].map((client) => client.closed));
  });

  it('ends a connection that stops answering heartbeat pings', async () => {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    // A raw handshake and then silence: this client never answers a ping.
    socket.write(
      ['GET /ws HTTP/1.1', `Host: 127.0.0.1:${port}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13', '', ''].join('\r\n'),
    );
    // Drained so that the end of the stream is seen; an unread socket stays paused and never closes.
    socket.resume();
    const started = Date.now();
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
