import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { databaseLocation, indexCacheDir } from '../../store/database-location';
import { openStores } from '../../store/open-store';
import type { Answer } from '../../tutor/answer';
import { llmFlagOptions, llmOptionsFrom } from '../../llm/llm-options';
import { withLanguageModel } from '../../llm/llm-tutor';
import { openTutor } from '../../runtime/open-tutor';
import { RECENT_MESSAGES } from '../../tutor/tutor-engine';
import { StudyDesk } from '../../study/study-desk';
import { CliError } from '../cli-error';
import type { CommandRun } from '../command';
import { bundledKnowledgeDir, writeJson, type CliIo } from '../io';

const argsSchema = z.object({
  question: z.string().trim().min(1, 'the question is empty: write it in quotes, e.g. loss-tutor ask "What is MSE?"'),
  session: z.string().min(1).optional(),
  learner: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
  kb: z.string().min(1).optional(),
  json: z.boolean().default(false),
  'llm-url': z.string().optional(),
  'llm-model': z.string().optional(),
  'llm-key': z.string().optional(),
});

function parse(argv: string[]): z.infer<typeof argsSchema> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { session: { type: 'string' }, learner: { type: 'string' }, db: { type: 'string' }, kb: { type: 'string' }, json: { type: 'boolean' }, ...llmFlagOptions },
    });
  } catch (error) {
    throw new CliError('bad_arguments', `ask: ${error instanceof Error ? error.message : String(error)}. Run "loss-tutor ask --help" for its options.`);
  }
  if (parsed.positionals.length > 1) {
    throw new CliError('bad_arguments', `ask takes one question but got ${parsed.positionals.length} words outside quotes: put the question in quotes.`);
  }
  const result = argsSchema.safeParse({ ...parsed.values, question: parsed.positionals[0] ?? '' });
  if (!result.success) throw new CliError('bad_arguments', `ask: ${result.error.issues.map((i) => i.message).join('; ')}`);
  return result.data;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  const dbFile = databaseLocation(io.cwd, args.db, io.env);
  const stores = await openStores(dbFile);
  const store = stores.sessions;
  try {
    const session = args.session === undefined ? await store.createSession() : await store.getSession(args.session);
    if (!session) {
      throw new CliError('unknown_session', `no session "${args.session}" in ${dbFile}: check the id, or leave out --session to start a new conversation.`);
    }
    const kbDir = args.kb === undefined ? bundledKnowledgeDir : resolve(io.cwd, args.kb);
    const opened = await openTutor({ kbDir, cacheDir: indexCacheDir(io.cwd, dbFile) });
    const tutor = withLanguageModel(opened, llmOptionsFrom(args, io.env), (reason) => io.stderr.write(`loss-tutor: the language model failed (${reason}); answered by the embedded tutor\n`));
    const history = () => store.transcript(session.id, RECENT_MESSAGES);
    const learner = args.learner === undefined ? undefined : await stores.study.getLearner(args.learner);
    if (args.learner !== undefined && !learner) throw new CliError('unknown_learner', `no learner "${args.learner}" in ${dbFile}: check the id, or leave out --learner.`);
    const question = { text: args.question, state: session.state, history };
    // With a learner, "not sure about #35" and quiz misses reach the learner's cards (docs/study.md).
    const desk = learner ? new StudyDesk(stores.study, () => opened.kb) : undefined;
    const result = learner && desk ? await desk.answer(tutor, learner.id, question) : await tutor.answer(question);
    const turn = { sessionId: session.id, question: { id: randomUUID(), text: args.question }, answer: result.answer, state: result.state };
    await (learner && desk ? desk.commit(learner.id, turn, result.study) : store.recordTurn(turn));
    const answer: Answer = { ...result.answer, sessionId: session.id };
    if (args.json) writeJson(io, answer);
    else io.stdout.write(`${answer.text}\n\n(session ${session.id}: continue with --session ${session.id})\n`);
    return 0;
  } finally {
    await stores.close();
  }
}

export const ask: CommandRun = {
  run,
};
