import { Router } from 'express';
import { z } from 'zod';
import type { StudyDesk } from '../study/study-desk';
import { HttpError } from './http-error';

/** The learner id travels in a header, not the URL: it is the profile's only key and URLs get logged. */
const learnerHeader = z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** GET /api/study/progress with `X-Learner: ID`: the progress view's data (docs/study.md). */
export function studyRoutes(desk: StudyDesk): Router {
  const router = Router();
  router.get('/progress', async (req, res) => {
    const parsed = learnerHeader.safeParse(req.get('x-learner'));
    if (!parsed.success) throw new HttpError(400, 'bad_request', 'the X-Learner header must carry the learner id the welcome frame gave (base64url).');
    if (!(await desk.known(parsed.data))) throw new HttpError(404, 'not_found', 'no such learner: reconnect to the chat to get a new profile.');
    res.set('Cache-Control', 'no-store').json(await desk.progress(parsed.data));
  });
  return router;
}
