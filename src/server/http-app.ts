import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import { CalcError, calculate } from '../core';
import { describeIssues, lossCaseSchema } from '../schema/loss-case';
import { HttpError } from './http-error';
import type { Logger } from './logger';
import type { ServerMetrics } from './metrics';
import type { ProxyTrust } from './proxy-trust';
import type { Readiness } from './readiness';
import type { TutorRuntime } from './tutor-runtime';

const itemNumber = z.coerce.number().int().positive();
const searchQuery = z.object({ q: z.string().trim().min(1).max(500), limit: z.coerce.number().int().min(1).max(50).default(10) });
const calcBody = lossCaseSchema.extend({ grad: z.boolean().optional(), steps: z.boolean().optional() });

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'bad_request', `${what}: ${describeIssues(parsed.error)}.`);
  return parsed.data;
}

/** The longest loss name worth looking up; a longer one would only make the suggestion search slow. */
const MAX_LOSS_NAME = 100;

/**
 * What the schema would report badly or slowly: a number JSON wrote too big for a double (1e309
 * parses as Infinity) and a loss name far longer than any loss has.
 */
function refuseBeforeParsing(body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const loss = (body as { loss?: unknown }).loss;
  if (typeof loss === 'string' && loss.length > MAX_LOSS_NAME) throw new HttpError(400, 'bad_request', `loss: a loss name is at most ${MAX_LOSS_NAME} characters; see GET /api/items or the README for the names.`);
  const nonFinite = (value: unknown): boolean => (typeof value === 'number' ? !Number.isFinite(value) : Array.isArray(value) ? value.some(nonFinite) : false);
  for (const [key, value] of Object.entries(body)) {
    if (nonFinite(value)) throw new HttpError(400, 'non_finite', `${key}: a number is too large for a double (over about 1.8e308): use finite numbers.`);
  }
}

/**
 * The web client and the HTTP API. Security headers with a content security policy that allows only
 * the project's own scripts; KaTeX sets inline styles on the formulas it lays out, hence style-src.
 */
export function createHttpApp(
  runtime: TutorRuntime,
  options: { clientDir: string; logger: Logger; startedAt: number; trust: ProxyTrust; notebooks?: express.Router; readiness: Readiness; metrics?: ServerMetrics; study?: express.Router },
): express.Express {
  const app = express();
  // req.ip and req.protocol then name the real client and scheme behind a trusted proxy, as the chat does.
  app.set('trust proxy', options.trust);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          // 'self' covers the same host's ws: and wss: URLs (CSP Level 3); no other host may be reached.
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          // The server usually runs on plain http://127.0.0.1; upgrading its requests would break it.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  // Before the 256 KiB body limit: uploads have their own limits.
  if (options.notebooks) app.use('/api/notebooks', options.notebooks);
  app.use(express.json({ limit: '256kb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, items: runtime.kb.items.length, uptime: (Date.now() - options.startedAt) / 1000 });
  });

  app.get('/readyz', async (_req, res) => {
    const report = await options.readiness.report();
    res.status(report.ready ? 200 : 503).json(report);
  });

  if (options.metrics) app.get('/metrics', options.metrics.handle);

  app.get('/api/items', (_req, res) => {
    res.json(runtime.kb.items.map((item) => ({ item: item.number, title: item.title, claim: item.claim, source: item.source })));
  });

  app.get('/api/items/:n', (req, res) => {
    const number = parse(itemNumber, req.params['n'], 'the item number');
    const item = runtime.kb.byNumber.get(number);
    if (!item) throw new HttpError(404, 'not_found', `there is no item ${number}: the items run from ${runtime.kb.items[0]?.number ?? 0} to ${runtime.kb.items.at(-1)?.number ?? 0}.`);
    const { number: n, ...rest } = item;
    res.json({ item: n, ...rest, text: item.sections.map((s) => s.text).join('\n\n') });
  });

  app.get('/api/search', (req, res) => {
    const { q, limit } = parse(searchQuery, req.query, 'the query');
    res.json(
      runtime.search.search(q, { limit }).map((hit) => {
        const item = runtime.kb.byNumber.get(hit.item)!;
        return { item: hit.item, title: item.title, source: item.source, score: hit.score };
      }),
    );
  });

  app.post('/api/calc', (req, res) => {
    refuseBeforeParsing(req.body);
    const { grad, steps, ...lossCase } = parse(calcBody, req.body, 'the case');
    try {
      res.json(calculate(lossCase as Parameters<typeof calculate>[0], { grad: grad ?? true, steps: steps ?? true }));
    } catch (error) {
      if (error instanceof CalcError) throw new HttpError(400, error.code, error.message);
      throw error;
    }
  });

  if (options.study) app.use('/api/study', options.study);

  app.use('/api', () => {
    throw new HttpError(404, 'not_found', 'no such API route: see the README for /api/items, /api/items/:n, /api/search, /api/calc and /api/notebooks.');
  });
  app.use(express.static(options.clientDir, { dotfiles: 'ignore', index: 'index.html', fallthrough: true }));
  app.use(() => {
    throw new HttpError(404, 'not_found', 'no such page.');
  });

  // The one place errors become responses: a code and a plain message, never a stack trace.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const known = error instanceof HttpError ? error : undefined;
    const status = known?.status ?? (error as { status?: number }).status ?? 500;
    const code = known?.code ?? (status === 413 ? 'too_large' : status === 415 ? 'unsupported_encoding' : status === 400 ? 'bad_request' : 'internal');
    const message =
      known?.message ??
      (status === 413
        ? 'the request body is over 256 KiB.'
        : status === 415
          ? 'the request body has a Content-Encoding or charset this server does not read: send plain (identity, gzip, deflate or br) UTF-8 JSON.'
          : status === 400
            ? 'the request body is not valid JSON.'
            : 'something went wrong on the server; it has been logged.');
    if (status >= 500) options.logger.error({ event: 'http_error', path: req.path, err: error }, 'request failed');
    res.status(status).json({ error: { code, message } });
  });
  return app;
}
