import { join } from 'node:path';
import { loadLazily } from '../../runtime/lazy-module';
import type { Command, CommandRun } from '../command';

/**
 * Every subcommand, in the order `loss-tutor --help` lists them. Each lives in its own file and is
 * loaded when it runs: `calc` and `items` never load the server, the tutor or the search index.
 */
export const commands: Command[] = [
  lazy('serve', 'start the web client and chat server; prints the URL once it accepts connections', 'serve [--port 3000] [--host 127.0.0.1] [--kb DIR] [--db FILE|postgres://…] [--log-level info] [--engine-threads N] [--trust-proxy true|HOPS|ADDRESSES] [--allowed-origin ORIGINS] [--metrics] [--metrics-address HOST:PORT] [--llm-url URL --llm-model NAME --llm-key KEY] [--LIMIT N]... (every limit, its flag, variable and default: docs/protocol.md)', async () => (await loadLazily<typeof import('./serve')>(join(__dirname, 'serve'))).serve),
  lazy('ask', 'one tutor turn; --session ID continues a conversation', 'ask "QUESTION" [--session ID] [--db FILE] [--kb DIR] [--json] [--llm-url URL --llm-model NAME --llm-key KEY]', async () => (await loadLazily<typeof import('./ask')>(join(__dirname, 'ask'))).ask),
  lazy('calc', 'compute one loss with its worked steps and gradient (or a batch of cases as JSON lines)', 'calc LOSS --y-true 1,2,3 --y-pred 1,2,4 [--param k=v]... [--reduction mean] [--json] | calc --batch < cases.jsonl', async () => (await loadLazily<typeof import('./calc')>(join(__dirname, 'calc'))).calc),
  lazy('search', 'rank the knowledge-base items that answer a question (English or Chinese)', 'search "QUERY" [--limit 5] [--kb DIR] [--json]', async () => (await loadLazily<typeof import('./search')>(join(__dirname, 'search'))).search),
  lazy('items', 'list the numbered items of the knowledge base with their claims', 'items [--kb DIR] [--json]', async () => (await loadLazily<typeof import('./items')>(join(__dirname, 'items'))).items),
  lazy('item', 'show one item of the knowledge base, whole', 'item N [--kb DIR] [--json]', async () => (await loadLazily<typeof import('./item')>(join(__dirname, 'item'))).item),
  lazy('notebook', 'make a notebook of your own notes and manage its sources, in the database the server uses', 'notebook create NAME | add ID PATH... [--paste] | sources ID | remove ID SOURCE | items ID | rename ID NAME   [--db FILE] [--json]', async () => (await loadLazily<typeof import('./notebook')>(join(__dirname, 'notebook'))).notebook),
  lazy('check', 'validate a knowledge base: what each file made, unreadable files, duplicate numbers, broken links; says what to fix', 'check [--kb DIR] [--json]', async () => (await loadLazily<typeof import('./check')>(join(__dirname, 'check'))).check),
  lazy('review', 'review your due cards in the terminal, one at a time, answers read from stdin; --learner ID continues a profile', 'review [--learner ID] [--db FILE|postgres://…] [--kb DIR]', async () => (await loadLazily<typeof import('./review')>(join(__dirname, 'review'))).review),
  lazy('cards', 'export the notebook\'s study cards as an Anki-importable text file', 'cards export [--kb DIR] [--out FILE]', async () => (await loadLazily<typeof import('./cards')>(join(__dirname, 'cards'))).cards),
];

function lazy(name: string, summary: string, usage: string, loadRun: () => Promise<CommandRun>): Command {
  return { name, summary, usage, run: async (argv, io) => (await loadRun()).run(argv, io) };
}

