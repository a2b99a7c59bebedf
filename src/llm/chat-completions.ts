/**
 * A client for OpenAI-compatible chat completions (llama.cpp, Ollama, vLLM, hosted APIs): streamed
 * server-sent events or a plain JSON reply, tool calls included, with a timeout. Every failure is an
 * LlmError with a code, so the tutor can fall back and say why.
 */
export type LlmErrorCode = 'unreachable' | 'timeout' | 'http_status' | 'bad_response' | 'truncated' | 'too_long';

export class LlmError extends Error {
  override readonly name = 'LlmError';
  constructor(
    readonly code: LlmErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
}

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface Completion {
  content: string;
  toolCalls: ToolCall[];
}

export interface CompletionRequest {
  url: string;
  model: string;
  key?: string;
  timeoutMs: number;
  messages: ChatMessage[];
  tools: object[];
  /** The most the reply may hold, text and tool arguments together: a model that runs on is cut off. */
  maxAnswerChars: number;
  onToken?: (text: string) => void;
}

interface Delta {
  content?: string | null;
  tool_calls?: { index: number; id?: string; function?: { name?: string; arguments?: string } }[];
}

/** Accumulates streamed deltas; tool-call arguments arrive in pieces, keyed by their index. */
class CompletionBuilder {
  content = '';
  private readonly calls: ToolCall[] = [];
  private size = 0;

  constructor(private readonly maxChars: number) {}

  add(delta: Delta, onToken?: (text: string) => void): void {
    this.size += (delta.content?.length ?? 0) + (delta.tool_calls ?? []).reduce((n, piece) => n + (piece.function?.arguments?.length ?? 0) + (piece.function?.name?.length ?? 0), 0);
    if (this.size > this.maxChars) throw new LlmError('too_long', `the model's reply ran past ${this.maxChars} characters and was cut off`);
    if (delta.content) {
      this.content += delta.content;
      onToken?.(delta.content);
    }
    for (const piece of delta.tool_calls ?? []) {
      const call = (this.calls[piece.index] ??= { id: piece.id ?? `call_${piece.index}`, type: 'function', function: { name: '', arguments: '' } });
      if (piece.id) call.id = piece.id;
      call.function.name += piece.function?.name ?? '';
      call.function.arguments += piece.function?.arguments ?? '';
    }
  }

  build(): Completion {
    return { content: this.content, toolCalls: this.calls.filter(Boolean) };
  }
}

async function readEvents(body: ReadableStream<Uint8Array>, builder: CompletionBuilder, onToken?: (text: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  let done = false;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).trim();
      buffer = buffer.slice(end + 1);
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') {
        done = true;
        continue;
      }
      let event: { choices?: { delta?: Delta }[] };
      try {
        event = JSON.parse(data) as typeof event;
      } catch {
        throw new LlmError('bad_response', `the model sent an event that is not JSON: ${data.slice(0, 80)}`);
      }
      builder.add(event.choices?.[0]?.delta ?? {}, onToken);
    }
  }
  if (!done) throw new LlmError('truncated', 'the model’s stream ended before [DONE]');
}

export async function complete(request: CompletionRequest): Promise<Completion> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  // Stopping a reply that runs too long closes its connection too, instead of reading it to the end.
  const stop = new AbortController();
  const signal = AbortSignal.any([timeout, stop.signal]);
  let response: Response;
  try {
    response = await fetch(`${request.url.replace(/\/$/, '')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(request.key ? { authorization: `Bearer ${request.key}` } : {}) },
      body: JSON.stringify({ model: request.model, messages: request.messages, tools: request.tools, stream: true }),
      signal,
    });
  } catch (error) {
    if (timeout.aborted) throw new LlmError('timeout', `no reply from the model within ${request.timeoutMs} ms`);
    throw new LlmError('unreachable', `cannot reach the model at ${request.url} (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : String(error)})`);
  }
  if (!response.ok) throw new LlmError('http_status', `the model answered HTTP ${response.status}`);
  const builder = new CompletionBuilder(request.maxAnswerChars);
  try {
    if ((response.headers.get('content-type') ?? '').includes('text/event-stream') && response.body) {
      await readEvents(response.body, builder, request.onToken);
    } else {
      const json = (await response.json()) as { choices?: { message?: { content?: string | null; tool_calls?: ToolCall[] } }[] };
      const message = json.choices?.[0]?.message;
      if (!message) throw new LlmError('bad_response', 'the model’s reply has no choices[0].message');
      builder.add({ content: message.content ?? '', tool_calls: (message.tool_calls ?? []).map((call, index) => ({ index, ...call })) }, request.onToken);
    }
  } catch (error) {
    if (error instanceof LlmError) {
      stop.abort();
      throw error;
    }
    if (timeout.aborted) throw new LlmError('timeout', `the model stopped answering within ${request.timeoutMs} ms`);
    throw new LlmError('bad_response', `the model’s reply could not be read (${(error as Error).message})`);
  }
  return builder.build();
}
