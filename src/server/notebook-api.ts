import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Item } from '../kb/item';
import { NotebookError } from '../notebook/notebook-error';
import type { Notebooks } from '../notebook/notebooks';
import { pastedName, pastedNote } from '../notebook/pasted-text';
import { filesOfArchive } from '../notebook/vault-archive';
import { describeIssues } from '../schema/loss-case';
import type { SourceFile } from '../store/notebook-store';
import { contentHash } from '../store/sqlite-notebook-store';
import { StoreError } from '../store/store-error';
import { HttpError } from './http-error';

const name = z.string().trim().min(1).max(200);
/** A file's path as the learner's vault has it: no leading slash, no climbing out with "..". */
const fileName = name.refine((value) => !value.startsWith('/') && !value.split(/[\\/]/).includes('..'), 'a file name is a relative path without ".."');
const uploadFile = z.union([z.object({ name: fileName, text: z.string() }), z.object({ name: fileName, base64: z.base64() })]);
const uploadBody = z.object({ files: z.array(uploadFile).max(10_000).default([]), paste: z.string().optional() }).refine((body) => body.files.length > 0 || (body.paste ?? '').trim() !== '', 'send "files" or "paste"');
const itemNumber = z.coerce.number().int().positive();

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'bad_request', `${what}: ${describeIssues(parsed.error)}.`);
  return parsed.data;
}

const STATUS: Record<NotebookError['code'], number> = {
  notebook_not_found: 404,
  source_not_found: 404,
  file_too_large: 413,
  notebook_too_large: 413,
  too_many_files: 413,
  parse_timeout: 422,
  parse_failed: 422,
  bad_archive: 400,
  unavailable: 503,
};

/** Notebook and store failures as the HTTP errors the one error handler formats. */
export function asHttpError(error: unknown): unknown {
  if (error instanceof NotebookError) return new HttpError(STATUS[error.code], error.code, error.message);
  if (error instanceof StoreError) return new HttpError(error.code === 'notebook_not_found' ? 404 : 503, error.code, error.message);
  return error;
}

const summary = (item: Item) => ({ item: item.number, title: item.title, claim: item.claim, source: item.source });

/**
 * /api/notebooks (docs/protocol.md): a learner's notebooks, their sources and items. A notebook is
 * reached by its id alone, as a session is; there is no route that lists every notebook.
 */
export function notebookRoutes(notebooks: Notebooks, limits: { maxFileBytes: number; maxNotebookBytes: number }): express.Router {
  const router = express.Router();
  // Base64 makes 3 bytes 4; the slack is the JSON around the files.
  const bodyLimit = Math.ceil((limits.maxNotebookBytes * 4) / 3) + 64 * 1024;
  router.use(express.json({ limit: bodyLimit }));
  router.use(express.raw({ type: ['application/zip', 'application/x-zip-compressed'], limit: limits.maxNotebookBytes }));
  const notebookId = (req: Request) => String(req.params['id']);

  router.post('/', async (req, res) => {
    const body = parse(z.object({ name: name.optional() }).default({}), req.body ?? {}, 'the notebook');
    res.status(201).json(await notebooks.create(body.name ?? 'My notebook'));
  });

  router.get('/', async (req, res) => {
    const ids = parse(z.string().max(10_000).default(''), req.query['ids'], 'ids').split(',').filter((id) => id !== '').slice(0, 100);
    res.json(await notebooks.store.listNotebooks(ids));
  });

  router.get('/:id', async (req, res) => {
    const notebook = await notebooks.get(notebookId(req));
    const { kb } = await notebooks.engine(notebook.id);
    // Numbers of notes without one shift as files are added, as in a --kb folder: these are today's.
    const made = new Map((kb.files ?? []).map((file) => [file.source, file.items]));
    const sources = (await notebooks.sources(notebook.id)).map((source) => ({ ...source, items: made.get(source.name) ?? [] }));
    res.json({ ...notebook, items: kb.items.length, sources });
  });

  router.patch('/:id', async (req, res) => {
    const body = parse(z.object({ name }), req.body, 'the notebook');
    res.json(await notebooks.rename(notebookId(req), body.name));
  });

  router.get('/:id/sources', async (req, res) => {
    res.json(await notebooks.sources(notebookId(req)));
  });

  router.post('/:id/sources', async (req, res) => {
    const files: SourceFile[] = [];
    const refusedEarly = [];
    if (Buffer.isBuffer(req.body)) {
      const archive = filesOfArchive(req.body, limits);
      files.push(...archive.files);
      refusedEarly.push(...archive.refused);
    } else {
      const body = parse(uploadBody, req.body, 'the upload');
      for (const file of body.files) files.push({ name: file.name, bytes: 'text' in file ? Buffer.from(file.text) : Buffer.from(file.base64, 'base64') });
      if (body.paste !== undefined && body.paste.trim() !== '') {
        const bytes = Buffer.from(pastedNote(body.paste));
        files.push({ name: pastedName(new Date(), contentHash(bytes)), bytes });
      }
    }
    const result = await notebooks.addSources(notebookId(req), files);
    res.json({ ...result, refused: [...refusedEarly, ...result.refused] });
  });

  router.delete('/:id/sources/:source', async (req, res) => {
    await notebooks.removeSource(notebookId(req), String(req.params['source']));
    res.status(204).end();
  });

  router.get('/:id/items', async (req, res) => {
    const { kb } = await notebooks.engine((await notebooks.get(notebookId(req))).id);
    res.json(kb.items.map(summary));
  });

  router.get('/:id/items/:n', async (req, res) => {
    const { kb } = await notebooks.engine((await notebooks.get(notebookId(req))).id);
    const number = parse(itemNumber, req.params['n'], 'the item number');
    const item = kb.byNumber.get(number);
    if (!item) throw new HttpError(404, 'not_found', `this notebook has no item ${number}: its items run from ${kb.items[0]?.number ?? 0} to ${kb.items.at(-1)?.number ?? 0}.`);
    const { number: n, ...rest } = item;
    res.json({ item: n, ...rest, text: item.sections.map((s) => s.text).join('\n\n') });
  });

  router.use((error: unknown, _req: Request, _res: Response, next: NextFunction) => {
    if ((error as { type?: string }).type === 'entity.too.large') {
      return next(new HttpError(413, 'upload_too_large', `the upload is over the ${Math.ceil(limits.maxNotebookBytes / 1024)} KiB a notebook may hold on this server: send fewer files at a time.`));
    }
    next(asHttpError(error));
  });
  return router;
}
