import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { llmOptionsSchema } from '../llm/llm-options';

export const serverOptionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  kbDir: z.string().min(1),
  dbFile: z.string().min(1).default(join('data', 'loss-tutor.db')),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the built web client lives; it is served at /. */
  clientDir: z.string().min(1),
  cacheDir: z.string().min(1).optional(),
  /**
   * Threads that compose the embedded tutor's answers, so that the server's own thread only moves
   * frames; 0 answers on the server's thread. By default one core is left to the server's thread.
   */
  engineThreads: z.coerce.number().int().min(0).max(64).default(Math.min(4, Math.max(1, availableParallelism() - 1))),
  /** An OpenAI-compatible model that writes the answers; the embedded tutor when absent. */
  llm: llmOptionsSchema.optional(),
  limits: z
    .object({
      maxFrameBytes: z.number().int().positive().default(64 * 1024),
      connectionsPerAddress: z.number().int().positive().default(20),
      /** Frames a connection may send in a burst, and refilled per second. */
      burstFrames: z.number().int().positive().default(20),
      framesPerSecond: z.number().positive().default(5),
      /** Rate-limited frames tolerated before the connection is closed. */
      strikes: z.number().int().positive().default(20),
      heartbeatMs: z.number().int().positive().default(30_000),
      watchDebounceMs: z.number().int().positive().default(300),
    })
    // prefault, not default: the empty object is parsed, so every limit left out takes its own default.
    .prefault({}),
});

export type ServerOptions = z.input<typeof serverOptionsSchema>;
export type ResolvedServerOptions = z.output<typeof serverOptionsSchema>;
