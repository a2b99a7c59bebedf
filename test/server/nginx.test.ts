/**
 * The server behind Debian's nginx, configured with deploy/nginx.conf (the README's "Behind a
 * proxy" block): a classroom of 100 WebSocket clients is served, limits count each client by
 * X-Forwarded-For, and the Origin check holds although nginx rewrites Host.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ChatClient, startServerProcess, tempDatabase, type ServerProcess } from '../support/server-process';
import { freePort } from '../support/free-port';

const NGINX = '/usr/sbin/nginx';
const root = join(__dirname, '../..');
const siteConfig = readFileSync(join(root, 'deploy', 'nginx.conf'), 'utf8');
const installed = existsSync(NGINX);
const inCi = Boolean(process.env['CI']);

if (!installed && !inCi) {
  process.stderr.write(`\n*** SKIPPED test/server/nginx.test.ts: ${NGINX} is missing. Install Debian's nginx (apt-get install nginx) to run it; in CI its absence fails. ***\n\n`);
}

async function waitForPort(port: number, nginx: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited (${nginx.exitCode}): ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port}: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** nginx in the foreground, everything it writes in `dir`, the site block as deploy/nginx.conf has it but for the two ports. */
async function startNginx(upstreamPort: number): Promise<{ port: number; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'loss-tutor-nginx-'));
  for (const temp of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, temp));
  const port = await freePort();
  const site = siteConfig.replace('listen 80;', `listen 127.0.0.1:${port};`).replaceAll('http://127.0.0.1:3000', `http://127.0.0.1:${upstreamPort}`);
  expect(site).not.toBe(siteConfig);
  writeFileSync(join(dir, 'site.conf'), site);
  // One process, no workers: run as root it switches to no other user, who could not read this folder.
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${dir}/site.conf;
}
`,
  );
  const nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  nginx.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => nginx.once('exit', () => resolve()));
  const log = () => `${stderr}${existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''}`;
  await waitForPort(port, nginx, log);
  return {
    port,
    stop: async () => {
      if (nginx.exitCode === null) nginx.kill('SIGQUIT');
      await exited;
    },
  };
}

/** The upgrade's HTTP status through nginx (101 when it became a WebSocket, closed again at once). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('upgrade', () => {
      resolve(101);
      socket.close();
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', reject);
  });
}

it('is the configuration the README shows in "Behind a proxy"', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  expect(readme).toContain(`\`\`\`nginx\n${siteConfig}\`\`\``);
});

describe.skipIf(!installed && !inCi)('behind Debian nginx with deploy/nginx.conf', () => {
  let server: ServerProcess;
  let proxy: { port: number; stop: () => Promise<void> };
  let wsUrl: string;
  let pageOrigin: string;
  beforeAll(async () => {
    if (!installed) throw new Error(`${NGINX} is missing and CI is set: install Debian's nginx (apt-get install nginx; .ci/run does)`);
    // One connection per client address, so that a second one shows how the server counted it.
    server = await startServerProcess({ db: tempDatabase(), args: ['--trust-proxy', 'loopback', '--max-connections-per-address', '1'] });
    proxy = await startNginx(Number(new URL(server.url).port));
    wsUrl = `ws://127.0.0.1:${proxy.port}/ws`;
    // The browser's page came from nginx, so its Origin names nginx; nginx sends Host: 127.0.0.1:<server port>.
    pageOrigin = `http://127.0.0.1:${proxy.port}`;
  }, 120_000);
  afterAll(async () => {
    await proxy?.stop();
    await server?.stop();
  });

  it('serves the HTTP API through nginx', async () => {
    const item = await fetch(`${pageOrigin}/api/items/27`);
    expect(item.status).toBe(200);
    expect(await item.json()).toMatchObject({ item: 27 });
  });

  it('serves a classroom of 100 clients, each a different address behind the proxy, from the page\'s origin', async () => {
    const clients = Array.from({ length: 100 }, (_, i) => new ChatClient(wsUrl, { headers: { 'X-Forwarded-For': `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}` }, origin: pageOrigin }));
    await Promise.all(clients.map((client) => client.welcome()));
    const answers = await Promise.all(clients.map((client, i) => client.ask(`q${i}`, i % 2 === 0 ? 'what is focal loss?' : 'What is the MSE of targets 1, 2 and predictions 1, 4?')));
    expect(answers).toHaveLength(100);
    for (const [i, answer] of answers.entries()) {
      if (i % 2 === 0) expect((answer['citations'] as { item: number }[])[0]?.item).toBe(27);
      else expect((answer['calculations'] as { loss: string; value: number }[])[0]).toMatchObject({ loss: 'mse', value: 2 });
    }
    for (const client of clients) client.close();
    await Promise.all(clients.map((client) => client.closed));
  }, 120_000);

  it('applies the per-address limit to the forwarded client: a second connection of one address is refused, another address is not', async () => {
    const first = new ChatClient(wsUrl, { headers: { 'X-Forwarded-For': '10.2.0.1' }, origin: pageOrigin });
    await first.welcome();
    expect(await upgradeStatus(wsUrl, { 'X-Forwarded-For': '10.2.0.1', Origin: pageOrigin })).toBe(429);
    expect(await upgradeStatus(wsUrl, { 'X-Forwarded-For': '10.2.0.2', Origin: pageOrigin })).toBe(101);
    first.close();
    await first.closed;
  });

  it('still refuses a page of another origin', async () => {
    expect(await upgradeStatus(wsUrl, { 'X-Forwarded-For': '10.3.0.1', Origin: 'http://evil.example' })).toBe(403);
    // Without the forwarded host the server would compare against the Host nginx rewrote: the same page is then refused.
    expect(await upgradeStatus(`ws://127.0.0.1:${new URL(server.url).port}/ws`, { Origin: pageOrigin })).toBe(403);
  });
});
