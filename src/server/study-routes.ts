import { Router } from 'express';
import { z } from 'zod';
import type { Notebooks } from '../notebook/notebooks';
import type { Deck, StudyDesk } from '../study/study-desk';
import { HttpError } from './http-error';
import { asHttpError } from './notebook-api';

/** The learner id travels in a header, not the URL: it is the profile's only key and URLs get logged. */
const learnerHeader = z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/);
const notebookParam = z.string().min(1).max(100).optional();

/**
 * GET /api/study/progress with `X-Learner: ID`: the progress view's data (docs/study.md), of the
 * server's notes, or with `?notebook=ID` of that notebook's.
 */
export function studyRoutes(desk: StudyDesk, notebooks: Notebooks): Router {
  const router = Router();
  router.get('/progress', async (req, res) => {
    const parsed = learnerHeader.safeParse(req.get('x-learner'));
    if (!parsed.success) throw new HttpError(400, 'bad_request', 'the X-Learner header must carry the learner id the welcome frame gave (base64url).');
    const notebook = notebookParam.safeParse(req.query['notebook']);
    if (!notebook.success) throw new HttpError(400, 'bad_request', 'notebook: pass one notebook id, as the notebook API gave it.');
    if (!(await desk.known(parsed.data))) throw new HttpError(404, 'not_found', 'no such learner: reconnect to the chat to get a new profile.');
    const deck = notebook.data === undefined ? undefined : await deckOf(notebooks, notebook.data);
    res.set('Cache-Control', 'no-store').json(await desk.progress(parsed.data, deck));
  });
  return router;
}

async function deckOf(notebooks: Notebooks, id: string): Promise<Deck> {
  try {
    return { notebook: id, kb: (await notebooks.engine(id)).kb };
  } catch (error) {
    throw asHttpError(error);
  }
}
