import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Which hops may say who the client is: Express's `trust proxy` setting, compiled once. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * Reads `--trust-proxy` as Express does: `true`/`false`, a hop count, or a comma list of addresses,
 * subnets and proxy-addr's names (loopback, linklocal, uniquelocal). A bad address throws here, at
 * startup, rather than on the first request.
 */
export function compileProxyTrust(setting: string | boolean | number): ProxyTrust {
  if (setting === true || setting === 'true') return () => true;
  if (setting === false || setting === 'false' || setting === '') return () => false;
  const hops = typeof setting === 'number' ? setting : /^\d+$/.test(setting) ? Number(setting) : undefined;
  if (hops !== undefined) return (_address, hop) => hop < hops;
  return proxyAddr.compile(String(setting).split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''));
}

/** The client's address: the socket's peer, or the nearest untrusted hop of X-Forwarded-For. */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust): string {
  if (request.socket.remoteAddress === undefined) return 'unknown';
  return proxyAddr(request, trust);
}

/**
 * The origin the browser sent the request to: a trusted proxy's X-Forwarded-Host and
 * X-Forwarded-Proto when it set them (it may have rewritten Host), else Host itself.
 */
export function requestOrigin(request: IncomingMessage, trust: ProxyTrust): { host: string | undefined; protocol: string | undefined } {
  const forwarded = request.socket.remoteAddress !== undefined && trust(request.socket.remoteAddress, 0);
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim() || undefined;
  const host = (forwarded ? first(request.headers['x-forwarded-host']) : undefined) ?? request.headers.host;
  const protocol = forwarded ? first(request.headers['x-forwarded-proto']) : undefined;
  return { host, protocol: protocol === undefined ? undefined : `${protocol.toLowerCase()}:` };
}
