import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { llmOptionsSchema } from '../llm/llm-options';
import { compileProxyTrust } from './proxy-trust';

const compiles = (setting: string | boolean | number): boolean => {
  try {
    compileProxyTrust(setting);
    return true;
  } catch {
    return false;
  }
};

/** An origin as browsers send it (scheme://host[:port]); "null" and paths are not origins. */
/** HOST:PORT, an IPv6 host in brackets ([::1]:9100); port 0 takes a free one. */
export function splitHostPort(value: string): { host: string; port: number } | undefined {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value);
  const port = Number(match?.[3]);
  return match && port <= 65535 ? { host: (match[1] ?? match[2])!, port } : undefined;
}

const isOrigin = (value: string): boolean => URL.canParse(value) && new URL(value).origin === value.replace(/\/$/, '') && new URL(value).origin !== 'null';

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
  /**
   * Which proxies may say who the client is (X-Forwarded-For) and where the browser sent the
   * request (X-Forwarded-Host, -Proto), as Express's `trust proxy`: false (the default), true, a hop
   * count, or a comma list of addresses and subnets.
   */
  trustProxy: z
    .union([z.boolean(), z.number().int().nonnegative(), z.string()])
    .default(false)
    .refine(compiles, 'trust-proxy: use true, false, a hop count, or a comma list of IP addresses and subnets (e.g. 127.0.0.1,10.0.0.0/8)'),
  /** Origins whose pages may open the chat besides the server's own (same-origin is always allowed). */
  allowedOrigins: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((value) => (typeof value === 'string' ? value.split(',') : value).map((origin) => origin.trim()).filter((origin) => origin !== ''))
    .refine((origins) => origins.every(isOrigin), 'allowed-origin: a comma list of origins, each scheme://host[:port] with no path (e.g. https://tutor.example.org)')
    .transform((origins) => origins.map((origin) => new URL(origin).origin)),
  /** Metrics in the Prometheus text format at /metrics; off unless asked for ("true"/"1" from the environment). */
  metrics: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
    .default(false)
    .transform((value) => value === true || value === 'true' || value === '1'),
  /** Serves /metrics on this address instead of the server's own port (and turns the metrics on). */
  metricsAddress: z
    .string()
    .refine((value) => splitHostPort(value) !== undefined, 'metrics-address: HOST:PORT with a port up to 65535, e.g. 127.0.0.1:9100 or [::1]:9100')
    .optional(),
  limits: z
    .object({
      maxFrameBytes: z.coerce.number().int().positive().default(64 * 1024),
      /** Characters in one question; a longer one is refused with too_large. */
      maxQuestionChars: z.coerce.number().int().positive().default(4000),
      /** Sized for a classroom of 100 behind one NAT, each with a second tab open. */
      connectionsPerAddress: z.coerce.number().int().positive().default(200),
      /** Frames a connection may send in a burst, and refilled per second. */
      burstFrames: z.coerce.number().int().positive().default(20),
      framesPerSecond: z.coerce.number().positive().default(5),
      /** Rate-limited frames tolerated before the connection is closed. */
      strikes: z.coerce.number().int().positive().default(20),
      /** Questions one connection may have waiting for an answer; one more is refused with rate_limited. */
      maxQueuedTurns: z.coerce.number().int().positive().default(8),
      /** Bytes of one answer (its JSON: text, calculations, citations); a larger one is refused with too_large, not stored. */
      maxAnswerBytes: z.coerce.number().int().positive().default(128 * 1024),
      /** CPU milliseconds a question may take on a tutor thread; one over it is stopped with over_budget. */
      maxTurnCpuMs: z.coerce.number().int().positive().default(2000),
      /**
       * How the tutor threads pick the next waiting question: `fair` takes turns between connections by
       * the thread time each used; `fifo` answers in arrival order across all of them (for comparison).
       */
      turnOrder: z.enum(['fair', 'fifo']).default('fair'),
      /** Messages of the conversation sent in the welcome on resume (the most recent ones). */
      historyMessages: z.coerce.number().int().positive().default(50),
      /** The database file's size cap, in bytes; unbounded (the disk's size) when absent. */
      maxDatabaseBytes: z.coerce.number().int().positive().optional(),
      /** On SIGTERM, how long the answers in flight may take before the rest are told to resend. */
      shutdownGraceMs: z.coerce.number().int().positive().default(10_000),
      heartbeatMs: z.coerce.number().int().positive().default(30_000),
      watchDebounceMs: z.coerce.number().int().positive().default(300),
      /** Notebooks: the bytes of one uploaded file, of one notebook's files together, and how many files it may hold. */
      maxFileBytes: z.coerce.number().int().positive().default(1024 * 1024),
      maxNotebookBytes: z.coerce.number().int().positive().default(20 * 1024 * 1024),
      maxNotebookFiles: z.coerce.number().int().positive().default(500),
      /** How long reading one upload's notes may take before it is refused with parse_timeout. */
      maxParseMs: z.coerce.number().int().positive().default(10_000),
      /** Notebooks whose tutor is kept built in memory. */
      maxCachedNotebooks: z.coerce.number().int().positive().default(8),
    })
    // prefault, not default: the empty object is parsed, so every limit left out takes its own default.
    .prefault({}),
});

export type ServerOptions = z.input<typeof serverOptionsSchema>;
export type ResolvedServerOptions = z.output<typeof serverOptionsSchema>;

type LimitName = keyof ResolvedServerOptions['limits'];

/** Each limit's command-line flag and environment variable (flags win), as the README lists them. */
export const limitSettings: readonly { limit: LimitName; flag: string; env: string }[] = [
  { limit: 'maxFrameBytes', flag: 'max-frame-bytes', env: 'LOSS_TUTOR_MAX_FRAME_BYTES' },
  { limit: 'maxQuestionChars', flag: 'max-question-chars', env: 'LOSS_TUTOR_MAX_QUESTION_CHARS' },
  { limit: 'connectionsPerAddress', flag: 'max-connections-per-address', env: 'LOSS_TUTOR_MAX_CONNECTIONS_PER_ADDRESS' },
  { limit: 'burstFrames', flag: 'burst-frames', env: 'LOSS_TUTOR_BURST_FRAMES' },
  { limit: 'framesPerSecond', flag: 'frames-per-second', env: 'LOSS_TUTOR_FRAMES_PER_SECOND' },
  { limit: 'strikes', flag: 'strikes', env: 'LOSS_TUTOR_STRIKES' },
  { limit: 'maxQueuedTurns', flag: 'max-queued-turns', env: 'LOSS_TUTOR_MAX_QUEUED_TURNS' },
  { limit: 'maxAnswerBytes', flag: 'max-answer-bytes', env: 'LOSS_TUTOR_MAX_ANSWER_BYTES' },
  { limit: 'maxTurnCpuMs', flag: 'max-turn-cpu-ms', env: 'LOSS_TUTOR_MAX_TURN_CPU_MS' },
  { limit: 'turnOrder', flag: 'turn-order', env: 'LOSS_TUTOR_TURN_ORDER' },
  { limit: 'historyMessages', flag: 'history-messages', env: 'LOSS_TUTOR_HISTORY_MESSAGES' },
  { limit: 'maxDatabaseBytes', flag: 'max-db-bytes', env: 'LOSS_TUTOR_MAX_DB_BYTES' },
  { limit: 'shutdownGraceMs', flag: 'shutdown-grace-ms', env: 'LOSS_TUTOR_SHUTDOWN_GRACE_MS' },
  { limit: 'heartbeatMs', flag: 'heartbeat-ms', env: 'LOSS_TUTOR_HEARTBEAT_MS' },
  { limit: 'maxFileBytes', flag: 'max-file-bytes', env: 'LOSS_TUTOR_MAX_FILE_BYTES' },
  { limit: 'maxNotebookBytes', flag: 'max-notebook-bytes', env: 'LOSS_TUTOR_MAX_NOTEBOOK_BYTES' },
  { limit: 'maxNotebookFiles', flag: 'max-notebook-files', env: 'LOSS_TUTOR_MAX_NOTEBOOK_FILES' },
  { limit: 'maxParseMs', flag: 'max-parse-ms', env: 'LOSS_TUTOR_MAX_PARSE_MS' },
  { limit: 'maxCachedNotebooks', flag: 'max-cached-notebooks', env: 'LOSS_TUTOR_MAX_CACHED_NOTEBOOKS' },
];
