import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

/**
 * One raw HTTP/1.1 request, written as given (no client library would send a malformed one).
 * Resolves with the response's status line, or '' if the server closed the socket or said nothing
 * within `timeoutMs`.
 */
export function rawRequest(url: string, lines: string[], timeoutMs = 5000): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    const done = (status: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    const timer = setTimeout(() => done(''), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) done(received.split('\r\n')[0]!);
    });
    socket.on('error', () => done(received.split('\r\n')[0] ?? ''));
    socket.on('close', () => done(received.split('\r\n')[0] ?? ''));
    socket.write([...lines, '', ''].join('\r\n'));
  });
}

/** The headers of a well-formed WebSocket upgrade to 127.0.0.1:port, then `extra`. */
export const upgradeHeaders = (port: string, extra: string[] = []): string[] => [
  `Host: 127.0.0.1:${port}`,
  'Upgrade: websocket',
  'Connection: Upgrade',
  `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
  'Sec-WebSocket-Version: 13',
  ...extra,
];

/** Writes a request and resets the connection at once (RST), before the server has answered. */
export function resetAfterRequest(url: string, request: string): Promise<void> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(request);
      setImmediate(() => socket.resetAndDestroy());
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}
