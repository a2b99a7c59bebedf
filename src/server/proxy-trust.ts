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

/** One element of an RFC 7239 `Forwarded` header: what one proxy saw. */
interface ForwardedElement {
  for?: string;
  host?: string;
  proto?: string;
}

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(', ') : value);

/** The elements of `Forwarded`, farthest hop first; quoted values unquoted, a `for` stripped of its port. */
function forwardedElements(request: IncomingMessage): ForwardedElement[] {
  const value = header(request.headers.forwarded);
  if (!value) return [];
  // Commas and semicolons inside quoted values ("[2001:db8::1]:80") do not separate anything.
  const elements = value.match(/(?:[^,"]|"[^"]*")+/g) ?? [];
  return elements.map((element) => {
    const parsed: ForwardedElement = {};
    for (const pair of element.match(/(?:[^;"]|"[^"]*")+/g) ?? []) {
      const at = pair.indexOf('=');
      if (at < 0) continue;
      const key = pair.slice(0, at).trim().toLowerCase();
      const raw = pair.slice(at + 1).trim().replace(/^"(.*)"$/, '$1');
      if (key === 'for') parsed.for = raw.startsWith('[') ? raw.slice(1, raw.indexOf(']')) : raw.replace(/:\d+$/, '');
      else if (key === 'host' || key === 'proto') parsed[key] = raw;
    }
    return parsed;
  });
}

/**
 * The client's address: the socket's peer, or the nearest untrusted hop of X-Forwarded-For, or of
 * `Forwarded` when there is no X-Forwarded-For (a proxy that sets X-Forwarded-For passes a
 * client's own `Forwarded` on untouched, so that one is not believed then).
 */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust): string {
  if (request.socket.remoteAddress === undefined) return 'unknown';
  const chain = request.headers['x-forwarded-for'] === undefined ? forwardedElements(request).map((element) => element.for ?? 'unknown') : [];
  if (chain.length === 0) return proxyAddr(request, trust);
  // proxy-addr walks the hops from the socket outwards with the same trust; handed the Forwarded chain as its list.
  const asForwardedFor = { socket: request.socket, connection: request.socket, headers: { 'x-forwarded-for': chain.join(', ') } } as unknown as IncomingMessage;
  return proxyAddr(asForwardedFor, trust);
}

/**
 * The origin the browser sent the request to: a trusted proxy's X-Forwarded-Host and
 * X-Forwarded-Proto (or, without them, `Forwarded`'s host and proto) when it set them (it may
 * have rewritten Host), else Host itself.
 */
export function requestOrigin(request: IncomingMessage, trust: ProxyTrust): { host: string | undefined; protocol: string | undefined } {
  const forwarded = request.socket.remoteAddress !== undefined && trust(request.socket.remoteAddress, 0);
  const first = (value: string | string[] | undefined) => header(value)?.split(',')[0]?.trim() || undefined;
  // The farthest hop's element is the one the browser's request reached.
  const element = forwarded ? forwardedElements(request)[0] : undefined;
  const host = (forwarded ? (first(request.headers['x-forwarded-host']) ?? element?.host) : undefined) ?? request.headers.host;
  const protocol = forwarded ? (first(request.headers['x-forwarded-proto']) ?? element?.proto) : undefined;
  return { host, protocol: protocol === undefined ? undefined : `${protocol.toLowerCase()}:` };
}
