import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted reply of the test model, taken in order by successive requests. */
export interface ScriptedReply {
  status?: number;
  delayMs?: number;
  /** Server-sent events (default) or one JSON body. */
  stream?: boolean;
  /** Content, sent as these pieces when streaming. */
  content?: string[];
  /** A pause between streamed pieces, as a model generating tokens takes; without it they go out in one write. */
  pieceDelayMs?: number;
  toolCalls?: { name: string; arguments: string }[];
  /** End the stream without [DONE]. */
  truncate?: boolean;
}

export interface OpenAiTestServer {
  url: string;
  /** The JSON bodies of the requests received, in order. */
  requests: Record<string, unknown>[];
  close(): Promise<void>;
}

const chunk = (delta: object) => `data: ${JSON.stringify({ choices: [{ index: 0, delta }] })}\n\n`;

/** A local stand-in for an OpenAI-compatible server: real HTTP on 127.0.0.1, scripted replies. */
export async function startOpenAiTestServer(replies: ScriptedReply[]): Promise<OpenAiTestServer> {
  const requests: Record<string, unknown>[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (data: Buffer) => (body += data.toString()));
    req.on('end', () => {
      requests.push(JSON.parse(body) as Record<string, unknown>);
      const reply = replies.shift() ?? { content: ['(no more scripted replies)'] };
      setTimeout(async () => {
        if (reply.status && reply.status !== 200) {
          res.writeHead(reply.status, { 'content-type': 'application/json' }).end('{"error":{"message":"scripted failure"}}');
          return;
        }
        const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({ index, id: `call_${index}`, type: 'function', function: call }));
        if (reply.stream === false) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: (reply.content ?? []).join(''), tool_calls: toolCalls.length > 0 ? toolCalls : undefined } }] }));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const piece of reply.content ?? []) {
          res.write(chunk({ content: piece }));
          if (reply.pieceDelayMs) await new Promise((resolve) => setTimeout(resolve, reply.pieceDelayMs));
        }
        for (const call of toolCalls) {
          // Arguments arrive in two pieces, as real servers send them.
          const half = Math.floor(call.function.arguments.length / 2);
          res.write(chunk({ tool_calls: [{ index: call.index, id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments.slice(0, half) } }] }));
          res.write(chunk({ tool_calls: [{ index: call.index, function: { arguments: call.function.arguments.slice(half) } }] }));
        }
        res.end(reply.truncate ? '' : 'data: [DONE]\n\n');
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
