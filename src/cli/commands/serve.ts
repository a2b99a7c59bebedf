import { parseArgs } from 'node:util';
import { llmFlagOptions, llmOptionsFrom } from '../../llm/llm-options';
import { describeIssues } from '../../schema/loss-case';
import { limitSettings, serverOptionsSchema } from '../../server/server-options';
import { databaseLocation, indexCacheDir } from '../../store/database-location';
import { StoreError } from '../../store/store-error';
import { startServer } from '../../server/server';
import { CliError } from '../cli-error';
import type { CommandRun } from '../command';
import { bundledClientDir, type CliIo } from '../io';
import { knowledgeDir } from '../kb-option';

/** Flags win over environment variables, which win over the defaults. */
function settings(argv: string[], io: CliIo) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      kb: { type: 'string' },
      db: { type: 'string' },
      'log-level': { type: 'string' },
      'engine-threads': { type: 'string' },
      'trust-proxy': { type: 'string' },
      'allowed-origin': { type: 'string' },
      json: { type: 'boolean' },
      metrics: { type: 'boolean' },
      'metrics-address': { type: 'string' },
      ...llmFlagOptions,
      ...Object.fromEntries(limitSettings.map(({ flag }) => [flag, { type: 'string' as const }])),
    },
    strict: true,
  });
  const env = io.env;
  const flags = values as Record<string, string | boolean | undefined>;
  const limits = Object.fromEntries(limitSettings.flatMap(({ limit, flag, env: name }) => {
    const value = flags[flag] ?? env[name];
    return value === undefined || value === '' ? [] : [[limit, value]];
  }));
  const dbFile = databaseLocation(io.cwd, values.db, env);
  const llm = llmOptionsFrom(values, env);
  const metricsAddress = values['metrics-address'] ?? (env['LOSS_TUTOR_METRICS_ADDRESS'] || undefined);
  return {
    port: values.port ?? env['LOSS_TUTOR_PORT'] ?? env['PORT'] ?? 3000,
    host: values.host ?? env['LOSS_TUTOR_HOST'] ?? '127.0.0.1',
    kbDir: knowledgeDir(values.kb ?? env['LOSS_TUTOR_KB'], io),
    dbFile,
    cacheDir: indexCacheDir(io.cwd, dbFile),
    logLevel: values['log-level'] ?? env['LOSS_TUTOR_LOG_LEVEL'] ?? 'info',
    engineThreads: values['engine-threads'] ?? env['LOSS_TUTOR_ENGINE_THREADS'],
    trustProxy: values['trust-proxy'] ?? env['LOSS_TUTOR_TRUST_PROXY'] ?? false,
    allowedOrigins: values['allowed-origin'] ?? env['LOSS_TUTOR_ALLOWED_ORIGIN'] ?? [],
    clientDir: bundledClientDir,
    metrics: values.metrics ?? env['LOSS_TUTOR_METRICS'] ?? false,
    ...(metricsAddress ? { metricsAddress } : {}),
    limits,
    ...(llm ? { llm } : {}),
  };
}

/** A startup failure as the one line the operator reads, exit code 1: what went wrong and what to do. */
function startupError(error: unknown): CliError {
  if (error instanceof StoreError) return new CliError(error.code, error.message, 1);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new CliError('port_in_use', 'that port is already in use by another program: stop it, or pass another --port (or LOSS_TUTOR_PORT).', 1);
  if (code === 'EACCES') return new CliError('port_not_allowed', 'this user may not listen on that port: pass a port above 1023 with --port.', 1);
  if (code === 'EADDRNOTAVAIL') return new CliError('host_not_available', 'this machine has no such address to listen on: pass another --host, e.g. 127.0.0.1 or 0.0.0.0.', 1);
  return new CliError('startup_failed', `the server could not start: ${error instanceof Error ? error.message : String(error)}`, 1);
}

export const serve: CommandRun = {
  async run(argv, io) {
    const options = serverOptionsSchema.safeParse(settings(argv, io));
    if (!options.success) throw new CliError('bad_option', `a serve option is invalid: ${describeIssues(options.error)}. Check --port, --host, --log-level, --engine-threads, --trust-proxy, --allowed-origin and the limits (loss-tutor serve --help).`);
    let server;
    try {
      server = await startServer(options.data);
    } catch (error) {
      throw startupError(error);
    }
    io.stdout.write(`loss-tutor is listening on ${server.url}\n`);
    if (server.metricsUrl) io.stdout.write(`metrics at ${server.metricsUrl}\n`);
    await new Promise<void>((resolveStop) => {
      const stop = (signal: string) => {
        server.logger.info({ event: 'signal', signal }, 'shutting down');
        void server.close().then(resolveStop);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    return 0;
  },
};
