/**
 * Debian's nginx as the load balancer in front of several server processes: round robin over the
 * upstreams, WebSocket upgrades passed through, a failed or refusing replica skipped (the
 * configuration docs/deploy.md shows). The config, pid file, logs and temp folders live in a
 * throwaway folder; nginx listens on loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export const NGINX = '/usr/sbin/nginx';

// No vitest import here, so the server benchmark can run it too: an nginx left running (a failed
// test, an interrupted benchmark) is ended when this process exits.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface NginxBalancer {
  url: string;
  wsUrl: string;
  /** The master process (its workers are its children). */
  pid: number;
  /** nginx's error log so far: what it said about the upstreams. */
  errorLog(): string;
  stop(): Promise<void>;
}

/** Whether nginx is here; in CI its absence is an error, never a skip. */
export function nginxAvailable(): boolean {
  if (existsSync(NGINX)) return true;
  if (process.env.CI) throw new Error(`nginx is not installed at ${NGINX}: .ci/run installs it with apt-get (nginx); the load-balancer tests must run in CI`);
  console.warn(`\n*** load-balancer tests SKIPPED: install Debian's nginx (apt-get install nginx) to run them ***\n`);
  return false;
}

/** The configuration: the `upstream` and `location` blocks are the ones docs/deploy.md recommends. */
export function balancerConfig(dir: string, port: number, upstreams: string[]): string {
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  return `worker_processes 1;
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
${process.getuid?.() === 0 ? 'user root;' : ''}
events { worker_connections 1024; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}

  upstream loss_tutor {
    ${upstreams.map((address) => `server ${address} max_fails=1 fail_timeout=10s;`).join('\n    ')}
  }

  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' close;
  }

  server {
    listen 127.0.0.1:${port};

    location / {
      proxy_pass http://loss_tutor;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A replica that is down (refused, reset) or draining (503 to the upgrade) is skipped.
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
    }
  }
}
`;
}

/** Starts nginx in front of `upstreams` ("127.0.0.1:PORT") and waits until it answers. */
export async function startNginxBalancer(upstreams: string[]): Promise<NginxBalancer> {
  const dir = mkdtempSync(join(tmpdir(), 'loss-tutor-nginx-'));
  const port = await freePort();
  const config = join(dir, 'nginx.conf');
  writeFileSync(config, balancerConfig(dir, port, upstreams));
  const child = spawn(NGINX, ['-p', dir, '-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => (running.delete(child), resolve())));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited at start: ${stderr}`);
    try {
      await fetch(`${url}/healthz`);
      break;
    } catch (error) {
      if (i > 100) throw new Error(`nginx did not answer on ${url}: ${String(error)} ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const errorLog = () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '');
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    pid: child.pid!,
    errorLog,
    stop: async () => {
      // TERM, not QUIT: a graceful stop would wait for every open WebSocket to end.
      child.kill('SIGTERM');
      await exited;
    },
  };
}
