import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Notebooks } from '../../notebook/notebooks';
import { pastedName, pastedNote } from '../../notebook/pasted-text';
import { filesOfArchive } from '../../notebook/vault-archive';
import { limitSettings, serverOptionsSchema } from '../../server/server-options';
import { databaseLocation } from '../../store/database-location';
import { openStores } from '../../store/open-store';
import type { SourceFile } from '../../store/notebook-store';
import { contentHash } from '../../store/sqlite-notebook-store';
import { CliError } from '../cli-error';
import type { CommandRun } from '../command';
import { writeJson, type CliIo } from '../io';

const USAGE = 'notebook create NAME | add ID PATH... [--paste] | sources ID | remove ID SOURCE | items ID | rename ID NAME   [--db FILE] [--json]';

/** The server's notebook limits, from the same LOSS_TUTOR_* variables `serve` reads. */
function limits(env: NodeJS.ProcessEnv) {
  const names = new Set(['maxFileBytes', 'maxNotebookBytes', 'maxNotebookFiles', 'maxParseMs', 'maxCachedNotebooks']);
  const given = Object.fromEntries(limitSettings.filter(({ limit, env: name }) => names.has(limit) && env[name]).map(({ limit, env: name }) => [limit, env[name]]));
  const parsed = serverOptionsSchema.shape.limits.safeParse(given);
  if (!parsed.success) throw new CliError('bad_option', `notebook: a LOSS_TUTOR_MAX_* notebook limit is not a positive number.`);
  const l = parsed.data;
  return { maxFileBytes: l.maxFileBytes, maxNotebookBytes: l.maxNotebookBytes, maxFiles: l.maxNotebookFiles, maxParseMs: l.maxParseMs, maxCachedNotebooks: 1 };
}

/** A file, every file under a folder (paths kept from the folder on, dot-folders left out), or a .zip's files. */
async function filesAt(path: string, maxes: { maxFileBytes: number; maxNotebookBytes: number }): Promise<SourceFile[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new CliError('not_found', `notebook add: ${path} does not exist: pass note files, folders or a .zip.`);
  if (info.isFile()) {
    const bytes = await readFile(path);
    return /\.zip$/i.test(path) ? filesOfArchive(bytes, maxes).files : [{ name: basename(path), bytes }];
  }
  const walk = async (dir: string): Promise<string[]> => {
    const entries = (await readdir(dir, { withFileTypes: true })).filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules');
    const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [])));
    return nested.flat();
  };
  const root = dirname(resolve(path));
  return Promise.all((await walk(path)).map(async (file) => ({ name: relative(root, resolve(file)).split(sep).join('/'), bytes: await readFile(file) })));
}

async function readAll(io: CliIo): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) text += String(chunk);
  return text;
}

const positionals = z.tuple([z.enum(['create', 'add', 'sources', 'remove', 'items', 'rename'])]).rest(z.string());

export const notebook: CommandRun = {
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: { db: { type: 'string' }, json: { type: 'boolean' }, paste: { type: 'boolean' } } });
    } catch (error) {
      throw new CliError('bad_arguments', `notebook: ${error instanceof Error ? error.message : String(error)}. Usage: loss-tutor ${USAGE}`);
    }
    const args = positionals.safeParse(parsed.positionals);
    if (!args.success) throw new CliError('bad_arguments', `notebook: say what to do. Usage: loss-tutor ${USAGE}`);
    const [action, ...rest] = args.data;
    const need = (count: number, what: string) => {
      if (rest.length < count) throw new CliError('bad_arguments', `notebook ${action} needs ${what}. Usage: loss-tutor ${USAGE}`);
    };
    const dbFile = databaseLocation(io.cwd, parsed.values.db, io.env);
    const maxes = limits(io.env);
    const stores = await openStores(dbFile);
    const notebooks = new Notebooks(stores.notebooks, stores.notebookChanges, maxes, 0);
    const out = (value: unknown, text: string) => (parsed.values.json === true ? writeJson(io, value) : io.stdout.write(`${text}\n`));
    try {
      switch (action) {
        case 'create': {
          need(1, 'a name');
          const made = await notebooks.create(rest.join(' '));
          out(made, `${made.id}  ${made.name}`);
          break;
        }
        case 'rename': {
          need(2, 'an id and a name');
          const renamed = await notebooks.rename(rest[0]!, rest.slice(1).join(' '));
          out(renamed, `${renamed.id}  ${renamed.name}`);
          break;
        }
        case 'add': {
          need(1, 'an id');
          const files = (await Promise.all(rest.slice(1).map((path) => filesAt(resolve(io.cwd, path), maxes)))).flat();
          if (parsed.values.paste === true) {
            const bytes = Buffer.from(pastedNote(await readAll(io)));
            files.push({ name: pastedName(new Date(), contentHash(bytes)), bytes });
          }
          if (files.length === 0) throw new CliError('bad_arguments', 'notebook add needs files, folders, a .zip, or --paste with text on stdin.');
          const result = await notebooks.addSources(rest[0]!, files);
          out(result, [...result.added.map((s) => `added ${s.name}: items ${s.items.join(', ')}`), ...result.unchanged.map((s) => `unchanged ${s.name}`), ...result.refused.map((r) => `refused ${r.name}: ${r.message}`)].join('\n'));
          break;
        }
        case 'sources': {
          need(1, 'an id');
          const sources = await notebooks.sources(rest[0]!);
          out(sources, sources.map((s) => [`${s.id.slice(0, 12)}  ${s.name}  ${s.bytes} bytes`, ...s.warnings.map((w) => `    ${w.severity} ${w.code}: ${w.message}`)].join('\n')).join('\n'));
          break;
        }
        case 'remove': {
          need(2, 'an id and a source id (or the start of one, from "notebook sources")');
          const sources = await notebooks.sources(rest[0]!);
          const matching = sources.filter((s) => s.id.startsWith(rest[1]!) || s.name === rest[1]);
          if (matching.length !== 1) throw new CliError('not_found', `notebook remove: ${matching.length === 0 ? 'no source' : 'several sources'} match ${rest[1]}: use the id "notebook sources" lists.`);
          await notebooks.removeSource(rest[0]!, matching[0]!.id);
          out({ removed: matching[0]!.id }, `removed ${matching[0]!.name}`);
          break;
        }
        case 'items': {
          need(1, 'an id');
          await notebooks.get(rest[0]!);
          const { kb } = await notebooks.engine(rest[0]!);
          const list = kb.items.map((item) => ({ item: item.number, title: item.title, claim: item.claim, source: item.source }));
          out(list, list.map((entry) => `${entry.item}. ${entry.claim}`).join('\n'));
          break;
        }
      }
      return 0;
    } catch (error) {
      const known = error as { code?: string; message?: string };
      if (error instanceof CliError || typeof known.code !== 'string') throw error;
      throw new CliError(known.code, `notebook ${action}: ${known.message ?? String(error)}`);
    } finally {
      await notebooks.close();
      await stores.close();
    }
  },
};
