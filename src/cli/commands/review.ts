import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openTutor } from '../../runtime/open-tutor';
import { databaseLocation, indexCacheDir } from '../../store/database-location';
import { openStores } from '../../store/open-store';
import { StudyDesk } from '../../study/study-desk';
import { CliError } from '../cli-error';
import type { CommandRun } from '../command';
import type { CliIo } from '../io';
import { knowledgeDir } from '../kb-option';

const argsSchema = z.object({
  learner: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
  kb: z.string().min(1).optional(),
});

function parse(argv: string[]): z.infer<typeof argsSchema> {
  try {
    const { values } = parseArgs({ args: argv, options: { learner: { type: 'string' }, db: { type: 'string' }, kb: { type: 'string' } } });
    return argsSchema.parse(values);
  } catch (error) {
    throw new CliError('bad_arguments', `review: ${error instanceof Error ? error.message : String(error)}. Run "loss-tutor review --help" for its options.`);
  }
}

/**
 * The review loop of the chat in the terminal: the due cards one at a time, each reply read from a
 * line of stdin, graded, scheduled and stored before the next card is shown; ends when none is due.
 */
async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  const dbFile = databaseLocation(io.cwd, args.db, io.env);
  const stores = await openStores(dbFile);
  try {
    const learner = args.learner === undefined ? await stores.study.createLearner() : await stores.study.getLearner(args.learner);
    if (!learner) throw new CliError('unknown_learner', `no learner "${args.learner}" in ${dbFile}: pass the id the web client keeps (or an earlier review printed), or leave out --learner to start a new profile.`);
    if (args.learner === undefined) io.stderr.write(`loss-tutor: a new learner profile; continue it with --learner ${learner.id}\n`);
    const opened = await openTutor({ kbDir: knowledgeDir(args.kb, io), cacheDir: indexCacheDir(io.cwd, dbFile) });
    const desk = new StudyDesk(stores.study, () => opened.kb);
    const session = await stores.sessions.createSession();
    await desk.linkSession(learner.id, session.id);
    let state = session.state;
    const turn = async (text: string): Promise<boolean> => {
      const result = await desk.answer(opened.tutor, learner.id, { text, state, history: () => [] });
      await desk.commit(learner.id, { sessionId: session.id, question: { id: randomUUID(), text }, answer: result.answer, state: result.state }, result.study);
      state = result.state;
      io.stdout.write(`${result.answer.text}\n\n`);
      return result.answer.review !== undefined;
    };
    if (await turn('review')) {
      for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
        if (line.trim() === '') continue;
        if (!(await turn(line))) break;
      }
    }
    return 0;
  } finally {
    await stores.close();
  }
}

export const review: CommandRun = { run };
