import type { ImageValue, Workflow } from '@atelier/graph';
import { isBlobId, recipeSignature } from '@atelier/graph';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { ImageCheckError, IMAGE_PROBLEMS } from '../../blobs/check-image';
import { RunValidationError } from '../../runs/run-service';
import type { RunRecord } from '../../runs/run-record';
import { blobRefs } from '../../sharing/blob-refs';
import { linkBudget } from '../../sharing/link-budget';
import { latestShownRun } from '../../sharing/shown-run';
import { RateLimiter } from '../../sharing/rate-limit';
import type { Share } from '../../sharing/share-repo';
import { ShareRepo, shareVia } from '../../sharing/share-repo';
import type { AppDeps } from '../deps';
import { apiError, errorBody } from '../errors';
import { jsonBody, validate } from '../validate';
import { inputValueSchema } from '../input-value';
import { MAX_UPLOAD_BYTES } from './blobs';
import { eventsRoute } from './events';
import { idSchema, invalidWorkflow } from './workflows';

/** Everything under /api/s/ is opened by the link's token, not by ATELIER_TOKEN. */
export const isSharePath = (path: string) => path.startsWith('/api/s/');

const runSchema = z.object({
  inputs: z.record(z.string(), inputValueSchema).optional(),
});
const blobParam = z.object({ blob: z.string().refine(isBlobId, 'expected a blob id') });
const runParam = z.object({ id: idSchema });

type Env = { Variables: { share: Share } };

/** The one answer for a token that opens nothing: revoked, expired, unknown or malformed alike. */
const gone = (c: Context) =>
  c.json(errorBody('not_found', 'This link does not exist or is no longer shared.'), 404);

const clientOf = (c: Context): string => {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local'; // app.request() in tests has no socket
  }
};

/** What a link shows of a run: status and outputs, nothing of the owner's other work. */
const publicRun = (run: RunRecord) => ({
  id: run.id,
  status: run.status,
  createdAt: run.createdAt,
  ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}),
  cost: run.cost,
  ...(run.error ? { error: { code: run.error.code, message: run.error.message } } : {}),
  nodes: Object.fromEntries(
    Object.entries(run.nodes).map(([id, node]) => [
      id,
      {
        status: node.status,
        cached: node.cached,
        ...(node.outputs ? { outputs: node.outputs } : {}),
        ...(node.error ? { error: node.error } : {}),
      },
    ]),
  ),
});

/**
 * The public side of share links, `/api/s/:token…` (DESIGN.md §11): a capability for one
 * workflow. View links read; run links also upload inputs and start runs (recorded with
 * `via: share:<id>`, one at a time, within the link's spending cap). Rate-limited per client.
 */
export const publicShareRoutes = (deps: AppDeps) => {
  const shares = new ShareRepo(deps.db);
  // Per client and link; and a tighter budget for tokens that open nothing (guessing).
  const requests = new RateLimiter(600, 60_000);
  const misses = new RateLimiter(30, 60_000);
  /** Images uploaded through a run link and not yet in a run: visible to that link only. */
  const uploads = new Map<string, Set<string>>();

  const tooMany = (c: Context, waitMs: number) => {
    c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
    return c.json(
      errorBody('rate_limited', 'Too many requests to this link; wait a minute and try again.'),
      429,
    );
  };

  const openShare: MiddlewareHandler<Env> = async (c, next) => {
    const client = clientOf(c);
    const token = c.req.param('token') ?? '';
    const share = shares.open(token);
    if (!share) {
      const wait = misses.hit(client);
      return wait > 0 ? tooMany(c, wait) : gone(c);
    }
    const wait = requests.hit(`${client} ${share.id}`);
    if (wait > 0) return tooMany(c, wait);
    c.set('share', share);
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    await next();
  };

  const sharedVersion = (share: Share) =>
    share.version === undefined
      ? deps.workflows.get(share.workflowId)
      : deps.workflows.getVersion(share.workflowId, share.version);

  /** The owner's newest succeeded whole run of the version shown (never a link's run). */
  const latestRun = (share: Share, version: number) =>
    latestShownRun(deps, share.workflowId, version);

  /** May this link show these bytes? Only images of its workflow, its shown run and its own runs. */
  const canSee = (share: Share, blob: string): boolean => {
    const stored = sharedVersion(share);
    if (!stored) return false;
    if (blobRefs(stored.document, deps.registry).some((ref) => ref.blob === blob)) return true;
    if (uploads.get(share.id)?.has(blob)) return true;
    const shown = latestRun(share, stored.version)?.id ?? '';
    const via = shareVia(share.id);
    const hit = deps.db.sqlite
      .prepare(
        `select 1 from provenance p join runs r on r.id = p.run_id
          where p.sha256 = ? and (r.id = ? or r.via = ?)
         union all select 1 from runs where via = ? and instr(inputs, ?) > 0
         union all select 1 from run_events e join runs r on r.id = e.run_id
          where r.via = ? and e.type = 'node.partial_image' and instr(e.payload, ?) > 0
         limit 1`,
      )
      .get(blob, shown, via, via, blob, via, blob);
    return hit !== undefined;
  };

  const ownRun = (c: Context<Env>, id: string): RunRecord | undefined => {
    const share = c.get('share');
    const run = deps.runs.get(id);
    if (!run || run.workflowId !== share.workflowId) return undefined;
    if (run.via === shareVia(share.id)) return run;
    const stored = sharedVersion(share);
    return stored && latestRun(share, stored.version)?.id === id ? run : undefined;
  };

  return new Hono<Env>()
    .use('/:token', openShare)
    .use('/:token/*', openShare)
    .get('/:token', (c) => {
      const share = c.get('share');
      const stored = sharedVersion(share);
      if (!stored) return gone(c);
      const run = latestRun(share, stored.version);
      const usage = shares.usage(share.id);
      return c.json(
        {
          access: share.access,
          ...(share.expiresAt !== undefined ? { expiresAt: share.expiresAt } : {}),
          workflow: {
            id: stored.id,
            name: stored.name,
            version: stored.version,
            document: stored.document,
          },
          // A link pinned to one version shows that one; an unpinned one lists them all.
          versions:
            share.version === undefined
              ? deps.workflows.versions(share.workflowId)
              : [{ version: stored.version, name: stored.name, createdAt: stored.updatedAt }],
          // Each input with its field's editor (kind, choices, limits): the app page's form.
          inputs: recipeSignature(stored.document as Workflow, deps.registry).map((input) => {
            const type = stored.document.nodes.find((n) => n.id === input.node)?.type ?? '';
            const control = deps.registry.get(type)?.fields.find((f) => f.name === input.field);
            return control ? { ...input, control } : input;
          }),
          latestRun: run ? publicRun(run) : null,
          ...(share.access === 'run'
            ? {
                budget: {
                  ...(share.maxCost !== undefined ? { maxCost: share.maxCost } : {}),
                  spent: usage.spent,
                  runs: usage.runs,
                },
              }
            : {}),
        },
        200,
      );
    })
    .get('/:token/blobs/:blob', validate('param', blobParam), async (c) => {
      const { blob } = c.req.valid('param');
      const info = deps.blobs.info(blob);
      if (!info || !canSee(c.get('share'), blob)) return gone(c);
      c.header('Content-Type', info.mime);
      c.header('X-Content-Type-Options', 'nosniff');
      return c.body((await deps.blobs.get(blob)) as Uint8Array<ArrayBuffer>, 200);
    })
    .post(
      '/:token/blobs',
      bodyLimit({
        maxSize: deps.maxUploadBytes ?? MAX_UPLOAD_BYTES,
        onError: (c) =>
          c.json(errorBody('payload_too_large', 'Uploads are limited to 50 MB.'), 413),
      }),
      async (c) => {
        const share = c.get('share');
        if (share.access !== 'run') return readOnly(c);
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        if (bytes.length === 0)
          return apiError(c, 400, 'empty_body', 'Send the image bytes as the request body.');
        try {
          const stored = await deps.blobs.putUpload(bytes);
          let mine = uploads.get(share.id);
          if (!mine) uploads.set(share.id, (mine = new Set()));
          if (mine.size < 1000) mine.add(stored.blob);
          return c.json({ ...stored, bytes: bytes.length }, 201);
        } catch (error) {
          if (!(error instanceof ImageCheckError)) throw error;
          return apiError(c, IMAGE_PROBLEMS[error.code], error.code, error.message);
        }
      },
    )
    .post('/:token/runs', jsonBody, validate('json', runSchema), (c) => {
      const share = c.get('share');
      if (share.access !== 'run') return readOnly(c);
      const stored = sharedVersion(share);
      if (!stored) return gone(c);
      const usage = shares.usage(share.id);
      if (share.maxCost !== undefined && usage.spent >= share.maxCost)
        return c.json(
          errorBody(
            'budget_reached',
            `This link has spent its budget ($${usage.spent.toFixed(2)} of $${share.maxCost.toFixed(2)}); ask the person who shared it for a new link.`,
          ),
          403,
        );
      if (shares.activeRun(share.id))
        return apiError(
          c,
          409,
          'run_in_progress',
          'A run through this link is still going; wait for it to finish.',
        );
      const entries: [string, string | ImageValue][] = [];
      for (const [name, value] of Object.entries(c.req.valid('json').inputs ?? {})) {
        if (typeof value === 'string') {
          entries.push([name, value]);
          continue;
        }
        const info = isBlobId(value.blob) ? deps.blobs.info(value.blob) : undefined;
        if (!info || !canSee(share, value.blob))
          return apiError(
            c,
            422,
            'unknown_blob',
            `Input "${name}": upload the image through this link first.`,
            {
              path: `inputs.${name}`,
            },
          );
        entries.push([
          name,
          { blob: info.blob, mime: info.mime, width: info.width, height: info.height },
        ]);
      }
      try {
        const { id } = deps.runs.start({
          workflow: stored.document,
          workflowId: stored.id,
          workflowVersion: stored.version,
          inputs: Object.fromEntries(entries),
          via: shareVia(share.id),
          // Each API call reserves its estimated cost from what is left of the link's cap
          // and is not made when it would pass it (the node fails with budget_reached).
          ...(share.maxCost !== undefined
            ? { budget: linkBudget(share.maxCost, usage.spent) }
            : {}),
        });
        return c.json({ id }, 202);
      } catch (error) {
        if (!(error instanceof RunValidationError)) throw error;
        return invalidWorkflow(c, error.issues, 'invalid_inputs');
      }
    })
    .get('/:token/runs/:id', validate('param', runParam), (c) => {
      const run = ownRun(c, c.req.valid('param').id);
      return run ? c.json(publicRun(run), 200) : gone(c);
    })
    .use('/:token/runs/:id/events', async (c, next) =>
      ownRun(c, c.req.param('id') ?? '') ? next() : gone(c),
    )
    .route('/:token/runs', eventsRoute(deps));
};

const readOnly = (c: Context) =>
  apiError(
    c,
    403,
    'read_only_link',
    'This link shows the recipe; it cannot upload or run. Ask for a run link.',
  );
