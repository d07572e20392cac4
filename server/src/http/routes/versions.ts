import type { Workflow } from '@atelier/graph';
import { diffWorkflows, parseWorkflow } from '@atelier/graph';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { authorize } from '../../auth/actor';
import { allow } from '../../auth/allow';
import type { StoredWorkflow } from '../../db/workflow-repo';
import { PresenceRegistry } from '../../versions/presence';
import { MAX_MESSAGE_LENGTH } from '../../versions/save-meta';
import type { AppDeps } from '../deps';
import { apiError } from '../errors';
import { jsonBody, validate } from '../validate';
import { documentSchema, idSchema, invalidWorkflow, parseIfMatch } from './workflows';

const idParam = z.object({ id: idSchema });
const versionParam = z.object({ id: idSchema, version: z.coerce.number().int().positive() });
const version = z.coerce.number().int().positive();
const diffQuery = z.object({ from: version.optional(), to: version.optional() });
const diffBody = z.object({
  /** The document to compare (what an editor holds), as `to`. */
  document: documentSchema,
  /** The saved version it is compared with, as `from` (default: the latest). */
  against: z.number().int().positive().optional(),
});
const restoreBody = z
  .object({ message: z.string().max(MAX_MESSAGE_LENGTH).optional() })
  .optional()
  .default({});
const sessionSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected a session id of 8–64 letters, digits, "_" or "-"');
const presenceBody = z.object({ session: sessionSchema });
const sessionParam = z.object({ id: idSchema, session: sessionSchema });

/** A JSON body that may be left out entirely (`curl -X POST …/restore`): none reads as `{}`. */
const optionalJsonBody: MiddlewareHandler = (c, next) =>
  c.req.raw.body === null ? next() : jsonBody(c, next);

/** One side of a diff as people read it: which version, when, by whom, why. */
const sideOf = (stored: StoredWorkflow) => ({
  version: stored.version,
  name: stored.name,
  savedAt: stored.updatedAt,
  ...(stored.updatedBy ? { author: stored.updatedBy } : {}),
  ...(stored.message ? { message: stored.message } : {}),
});

const notFound = (c: Context, id: string) =>
  apiError(c, 404, 'workflow_not_found', `No workflow with id "${id}".`, { path: 'id' });
const noVersion = (c: Context, id: string, version: number, path: string) =>
  apiError(c, 404, 'version_not_found', `Workflow "${id}" has no version ${version}.`, { path });

/**
 * Working together on one workflow (issue 14): diffs between versions (or a document and a
 * version, for conflicts), restore, and presence. Mounted at /api/workflows.
 */
export const versionRoutes = (deps: AppDeps) => {
  const presence = new PresenceRegistry();
  const diff = (from: Workflow, to: Workflow) =>
    diffWorkflows(from, to, { catalogue: deps.registry });

  return new Hono()
    .get(
      '/:id/diff',
      allow('view'),
      validate('param', idParam),
      validate('query', diffQuery),
      (c) => {
        authorize(c, 'view');
        const { id } = c.req.valid('param');
        const latest = deps.workflows.get(id);
        if (!latest) return notFound(c, id);
        const query = c.req.valid('query');
        const to = query.to === undefined ? latest : deps.workflows.getVersion(id, query.to);
        if (!to) return noVersion(c, id, query.to ?? latest.version, 'to');
        const fromVersion = query.from ?? to.version - 1;
        if (fromVersion < 1)
          return apiError(
            c,
            400,
            'invalid_request',
            `Version ${to.version} is the first: name the version to compare it with (?from=).`,
            { path: 'from' },
          );
        const from = deps.workflows.getVersion(id, fromVersion);
        if (!from) return noVersion(c, id, fromVersion, 'from');
        return c.json(
          {
            workflowId: id,
            from: sideOf(from),
            to: sideOf(to),
            diff: diff(from.document, to.document),
          },
          200,
        );
      },
    )
    .post(
      '/:id/diff',
      allow('view'),
      validate('param', idParam),
      jsonBody,
      validate('json', diffBody),
      (c) => {
        authorize(c, 'view');
        const { id } = c.req.valid('param');
        const latest = deps.workflows.get(id);
        if (!latest) return notFound(c, id);
        const body = c.req.valid('json');
        const from =
          body.against === undefined ? latest : deps.workflows.getVersion(id, body.against);
        if (!from) return noVersion(c, id, body.against ?? latest.version, 'against');
        // Only parsed, not validated: a document still being edited may not run yet.
        const parsed = parseWorkflow(body.document);
        if (!parsed.ok)
          return invalidWorkflow(
            c,
            parsed.issues.map((issue) => ({ ...issue, path: `document.${issue.path}` })),
          );
        return c.json(
          {
            workflowId: id,
            from: sideOf(from),
            to: null,
            diff: diff(from.document, parsed.workflow),
          },
          200,
        );
      },
    )
    .post(
      '/:id/versions/:version/restore',
      allow('edit'),
      validate('param', versionParam),
      optionalJsonBody,
      validate('json', restoreBody),
      (c) => {
        const actor = authorize(c, 'edit');
        const { id, version } = c.req.valid('param');
        const latest = deps.workflows.get(id);
        if (!latest) return notFound(c, id);
        if (!deps.workflows.getVersion(id, version)) return noVersion(c, id, version, 'version');
        const ifMatch = parseIfMatch(c.req.header('if-match'));
        if (!ifMatch)
          return apiError(
            c,
            400,
            'invalid_if_match',
            `If-Match must name the version you are looking at, like "3"; got: ${c.req.header('if-match')}`,
            { path: 'If-Match' },
          );
        const ifVersion = ifMatch.check ? ifMatch.version : undefined;
        const message = c.req.valid('json').message?.trim() || `Restored version ${version}`;
        const result = deps.workflows.restore(id, version, ifVersion, {
          author: { id: actor.id, name: actor.name },
          message,
        });
        if (!result) return notFound(c, id);
        if (result.kind === 'conflict')
          return apiError(
            c,
            409,
            'version_conflict',
            `Workflow "${latest.name}" is at version ${result.current}, not ${ifVersion}: look at the newest version before restoring an older one.`,
            { path: 'If-Match' },
          );
        c.header('ETag', `"${result.version}"`);
        return c.json({ id, version: result.version, restoredFrom: version, message }, 200);
      },
    )
    .get('/:id/presence', allow('view'), validate('param', idParam), (c) => {
      authorize(c, 'view');
      const { id } = c.req.valid('param');
      if (!deps.workflows.get(id)) return notFound(c, id);
      return c.json({ viewers: presence.list(id) }, 200);
    })
    .post(
      '/:id/presence',
      allow('view'),
      validate('param', idParam),
      jsonBody,
      validate('json', presenceBody),
      (c) => {
        const actor = authorize(c, 'view');
        const { id } = c.req.valid('param');
        const latest = deps.workflows.get(id);
        if (!latest) return notFound(c, id);
        const { session } = c.req.valid('json');
        const beat = presence.beat(id, session, { id: actor.id, name: actor.name });
        if (beat === 'taken')
          return apiError(
            c,
            409,
            'session_taken',
            'That session id is someone else’s: make up another.',
            {
              path: 'session',
            },
          );
        if (beat === 'full')
          return apiError(
            c,
            429,
            'too_many_viewers',
            'This workflow is open in too many tabs already.',
            {
              path: 'session',
            },
          );
        // The latest version rides along, so an editor learns of a save before it saves over it.
        return c.json(
          {
            viewers: presence.list(id),
            latest: {
              version: latest.version,
              savedAt: latest.updatedAt,
              ...(latest.updatedBy ? { author: latest.updatedBy } : {}),
            },
          },
          200,
        );
      },
    )
    .delete('/:id/presence/:session', allow('view'), validate('param', sessionParam), (c) => {
      const actor = authorize(c, 'view');
      const { id, session } = c.req.valid('param');
      const left = presence.leave(id, session, { id: actor.id, name: actor.name });
      return left
        ? c.json({ left: true as const }, 200)
        : apiError(c, 404, 'session_not_found', `No open session "${session}" of yours here.`, {
            path: 'session',
          });
    });
};
