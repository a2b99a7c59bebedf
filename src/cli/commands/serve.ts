import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { llmFlagOptions, llmOptionsFrom } from '../../llm/llm-options';
import { describeIssues } from '../../schema/loss-case';
import { serverOptionsSchema } from '../../server/server-options';
import { startServer } from '../../server/server';
import { CliError } from '../cli-error';
import type { CommandRun } from '../command';
import { bundledClientDir, type CliIo } from '../io';
import { knowledgeDir } from '../kb-option';

/** Flags win over environment variables, which win over the defaults. */
function settings(argv: string[], io: CliIo) {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string' }, kb: { type: 'string' }, db: { type: 'string' }, 'log-level': { type: 'string' }, 'engine-threads': { type: 'string' }, json: { type: 'boolean' }, ...llmFlagOptions },
    strict: true,
  });
  const env = io.env;
  const dbFile = resolve(io.cwd, values.db ?? env['LOSS_TUTOR_DB'] ?? join('data', 'loss-tutor.db'));
  const llm = llmOptionsFrom(values, env);
  return {
    port: values.port ?? env['LOSS_TUTOR_PORT'] ?? env['PORT'] ?? 3000,
    host: values.host ?? env['LOSS_TUTOR_HOST'] ?? '127.0.0.1',
    kbDir: knowledgeDir(values.kb ?? env['LOSS_TUTOR_KB'], io),
    dbFile,
    cacheDir: join(dirname(dbFile), 'index-cache'),
    logLevel: values['log-level'] ?? env['LOSS_TUTOR_LOG_LEVEL'] ?? 'info',
    engineThreads: values['engine-threads'] ?? env['LOSS_TUTOR_ENGINE_THREADS'],
    clientDir: bundledClientDir,
    ...(llm ? { llm } : {}),
  };
}

export const serve: CommandRun = {
  async run(argv, io) {
    const options = serverOptionsSchema.safeParse(settings(argv, io));
    if (!options.success) throw new CliError('bad_option', `a serve option is invalid: ${describeIssues(options.error)}. Check --port, --host, --log-level and --engine-threads.`);
    let server;
    try {
      server = await startServer(options.data);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError('port_in_use', 'that port is already in use: stop the other server or pass another --port.');
      throw error;
    }
    io.stdout.write(`loss-tutor is listening on ${server.url}\n`);
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
