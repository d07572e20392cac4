import type { Workflow } from '@atelier/graph';
import { Hono } from 'hono';
import { allow } from '../../auth/allow';
import { actorOf } from '../../auth/actor';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { blobRefs } from '../../sharing/blob-refs';
import { libraryRecipes } from '../../recipes/library-recipes';
import { collectRecipes } from '../../sharing/bundle-recipes';
import { exportBundle } from '../../sharing/export-bundle';
import { latestShownRun } from '../../sharing/shown-run';
import { ImportError, importWorkflow } from '../../sharing/import-workflow';
import { ShareRepo, shareVia } from '../../sharing/share-repo';
import type { Share } from '../../sharing/share-repo';
import type { AppDeps } from '../deps';
import { apiError, errorBody } from '../errors';
import { jsonBody, validate } from '../validate';
import { saveMetaOf } from '../../versions/save-meta';
import { checkDocument, documentSchema, idSchema, invalidWorkflow } from './workflows';

const idParam = z.object({ id: idSchema });

const exportQuery = z.object({
  version: z.coerce.number().int().positive().optional(),
  /** Also carry the latest run's output images (1/true) — off by default. */
  outputs: z.enum(['0', '1', 'true', 'false']).optional(),
  /** `zip` (the bundle, default) or `json` (the plain document: its images stay behind). */
  format: z.enum(['zip', 'json']).optional(),
});

const forkSchema = z.object({
  version: z.number().int().positive().optional(),
  name: z.string().trim().min(1).max(200).optional(),
  /**
   * The fork's document instead of the version's own: an editor whose save conflicted keeps
   * its work as a fork of the version it started from (`version`).
   */
  document: documentSchema.optional(),
  message: z.string().max(500).optional(),
});

const time = z.union([
  z.number().int().positive(),
  z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO date like 2026-12-31T12:00:00Z')
    .transform((s) => Date.parse(s)),
]);

const shareSchema = z.object({
  access: z.enum(['view', 'run']),
  version: z.number().int().positive().optional(),
  /** When the link stops working: epoch ms or an ISO date. */
  expiresAt: time.optional(),
  /** USD runs through the link may spend in all (run links only). */
  maxCost: z.number().positive().max(100_000).optional(),
});

/** 300 MB: a recipe with many large images. */
const MAX_IMPORT_BYTES = 300 * 1024 * 1024;

/** A file name from a workflow name: characters file systems refuse (and controls) become "_". */
const fileName = (name: string, ext: string) =>
  `${
    [...name]
      .map((ch) => (ch < ' ' || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
      .join('')
      .trim() || 'workflow'
  }${ext}`;

const disposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** What the owner sees of a link: never the token (only its hash is kept), so no URL. */
export const presentShare = (share: Share, usage: { runs: number; spent: number }) => ({
  ...share,
  status:
    share.revokedAt !== undefined
      ? 'revoked'
      : share.expiresAt !== undefined && share.expiresAt <= Date.now()
        ? 'expired'
        : 'active',
  runs: usage.runs,
  spent: usage.spent,
});

/**
 * Sharing routes of a library workflow (DESIGN.md §11): export/import bundles, forks, links.
 * Mounted at /api/workflows next to the library routes.
 */
export const workflowSharingRoutes = (deps: AppDeps) => {
  const shares = new ShareRepo(deps.db);
  const notFound = (c: Parameters<typeof apiError>[0], id: string) =>
    apiError(c, 404, 'workflow_not_found', `No workflow with id "${id}".`, { path: 'id' });
  const versionOf = (id: string, version: number | undefined) =>
    version === undefined ? deps.workflows.get(id) : deps.workflows.getVersion(id, version);

  return new Hono()
    .post(
      '/import',
      allow('edit'),
      bodyLimit({
        maxSize: MAX_IMPORT_BYTES,
        onError: (c) =>
          c.json(errorBody('payload_too_large', 'Imports are limited to 300 MB.'), 413),
      }),
      async (c) => {
        const body = new Uint8Array(await c.req.arrayBuffer());
        try {
          const report = await importWorkflow(body, deps);
          return c.json(report, report.reused ? 200 : 201);
        } catch (error) {
          if (!(error instanceof ImportError)) throw error;
          return c.json(
            errorBody(error.code, error.message, {
              path: error.path,
              ...(error.issues ? { issues: error.issues } : {}),
            }),
            error.status,
          );
        }
      },
    )
    .get(
      '/:id/export',
      allow('view'),
      validate('param', idParam),
      validate('query', exportQuery),
      async (c) => {
        const { id } = c.req.valid('param');
        const query = c.req.valid('query');
        const stored = versionOf(id, query.version);
        if (!stored)
          return deps.workflows.get(id)
            ? apiError(
                c,
                404,
                'version_not_found',
                `Workflow "${id}" has no version ${query.version}.`,
                {
                  path: 'version',
                },
              )
            : notFound(c, id);
        if (query.format === 'json') {
          const left = new Set(blobRefs(stored.document, deps.registry).map((r) => r.blob)).size;
          c.header('Content-Disposition', disposition(fileName(stored.name, '.atelier.json')));
          // Said in a header too, for scripts: the images this plain file does not carry.
          c.header('X-Atelier-Images-Left-Behind', String(left));
          // …and the recipes it uses: they resolve only in a library that has them.
          c.header(
            'X-Atelier-Recipes-Left-Behind',
            String(collectRecipes(stored.document, deps.workflows).recipes.length),
          );
          return c.body(`${JSON.stringify(stored.document, null, 2)}\n`, 200, {
            'Content-Type': 'application/json; charset=utf-8',
          });
        }
        const withOutputs = query.outputs === '1' || query.outputs === 'true';
        const run = withOutputs ? latestShownRun(deps, id, stored.version) : undefined;
        const bundle = await exportBundle(stored, deps.registry, deps.blobs, deps.workflows, run);
        c.header('Content-Disposition', disposition(fileName(stored.name, '.atelier.zip')));
        c.header('X-Atelier-Images', String(bundle.images));
        c.header('X-Atelier-Recipes', String(bundle.recipes));
        if (bundle.missingRecipes.length > 0)
          c.header('X-Atelier-Recipes-Missing', bundle.missingRecipes.join(','));
        if (bundle.missing.length > 0)
          c.header('X-Atelier-Images-Missing', bundle.missing.join(','));
        return c.body(bundle.bytes as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': 'application/zip',
        });
      },
    )
    .post(
      '/:id/fork',
      allow('edit'),
      validate('param', idParam),
      jsonBody,
      validate('json', forkSchema),
      (c) => {
        const { id } = c.req.valid('param');
        const { version, name, document: mine, message } = c.req.valid('json');
        const source = versionOf(id, version);
        if (!source)
          return deps.workflows.get(id)
            ? apiError(c, 404, 'version_not_found', `Workflow "${id}" has no version ${version}.`, {
                path: 'version',
              })
            : notFound(c, id);
        const checked =
          mine === undefined
            ? undefined
            : checkDocument(mine, deps.registry, libraryRecipes(deps.workflows));
        if (checked && !checked.ok)
          return invalidWorkflow(
            c,
            checked.issues.map((issue) => ({ ...issue, path: `document.${issue.path}` })),
          );
        const base = checked?.workflow ?? source.document;
        const document: Workflow = { ...base, name: name ?? `${base.name || source.name} (fork)` };
        const forkedFrom = { id, version: source.version };
        const meta = saveMetaOf(
          c,
          undefined,
          message?.trim() || `Forked from version ${source.version}`,
        );
        const created = deps.workflows.create(document, { forkedFrom, ...meta });
        c.header('ETag', `"${created.version}"`);
        return c.json({ ...created, name: document.name, forkedFrom }, 201);
      },
    )
    .post(
      '/:id/shares',
      allow('edit'),
      validate('param', idParam),
      jsonBody,
      validate('json', shareSchema),
      (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const workflow = deps.workflows.get(id);
        if (!workflow) return notFound(c, id);
        if (body.version !== undefined && !deps.workflows.getVersion(id, body.version))
          return apiError(
            c,
            404,
            'version_not_found',
            `Workflow "${id}" has no version ${body.version}.`,
            {
              path: 'version',
            },
          );
        if (body.expiresAt !== undefined && body.expiresAt <= Date.now())
          return apiError(
            c,
            400,
            'invalid_request',
            'expiresAt is in the past: give a future time.',
            {
              path: 'expiresAt',
            },
          );
        if (body.maxCost !== undefined && body.access !== 'run')
          return apiError(
            c,
            400,
            'invalid_request',
            'maxCost caps runs: it applies to run links only.',
            {
              path: 'maxCost',
            },
          );
        const { share, token } = shares.create({ workflowId: id, ...body });
        deps.audit.record(actorOf(c), 'share.created', workflow.name, {
          workflowId: id,
          shareId: share.id,
          access: body.access,
          ...(body.version !== undefined ? { version: body.version } : {}),
        });
        const url = `${new URL(c.req.url).origin}/s/${token}`;
        return c.json({ ...presentShare(share, { runs: 0, spent: 0 }), url, token }, 201);
      },
    )
    .get('/:id/shares', allow('view'), validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      if (!deps.workflows.get(id)) return notFound(c, id);
      return c.json(
        shares.list(id).map((share) => presentShare(share, shares.usage(share.id))),
        200,
      );
    });
};

/** `DELETE /api/shares/:id`: the link stops working at once. */
export const shareRoutes = (deps: AppDeps) => {
  const shares = new ShareRepo(deps.db);
  return new Hono().delete('/:id', allow('edit'), validate('param', idParam), (c) => {
    const { id } = c.req.valid('param');
    const share = shares.get(id);
    if (!share)
      return apiError(c, 404, 'share_not_found', `No share link with id "${id}".`, { path: 'id' });
    shares.revoke(id);
    deps.audit.record(
      actorOf(c),
      'share.revoked',
      deps.workflows.get(share.workflowId)?.name ?? share.workflowId,
      { workflowId: share.workflowId, shareId: id },
    );
    // A run started through the link and still going is stopped too.
    const active = shares.activeRun(id);
    if (active) deps.runs.cancel(active);
    return c.json({ ...presentShare(shares.get(id)!, shares.usage(id)), via: shareVia(id) }, 200);
  });
};
