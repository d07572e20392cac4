import { watchRun } from '../../webhooks/watch-finish';
import { refuseWebhook, webhookField, webhookLog } from './webhook-field';
import type { ImageValue, Issue } from '@atelier/graph';
import { isBlobId } from '@atelier/graph';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { allow } from '../../auth/allow';
import { z } from 'zod';
import { actorOf } from '../../auth/actor';
import { FINISHED_STATUSES, RunValidationError } from '../../runs/run-service';
import type { AppDeps } from '../deps';
import { apiError, errorBody } from '../errors';
import { idempotency } from '../idempotency';
import { logRunSteps } from '../run-log';
import { jsonBody, validate } from '../validate';
import { inputValueSchema } from '../input-value';
import { eventsRoute } from './events';
import { documentSchema, idSchema, invalidWorkflow } from './workflows';
import { resolveRunDocument } from './run-document';

const startSchema = z.object({
  workflowId: idSchema.optional(),
  version: z.number().int().positive().optional(),
  workflow: documentSchema.optional(),
  inputs: z.record(z.string(), inputValueSchema).optional(),
  target: z.string().min(1).optional(),
  force: z.array(z.string().min(1)).optional(),
  webhook: webhookField,
});

const listQuery = z.object({
  workflowId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** `1`: only runs with a starred output (review). */
  starred: z
    .enum(['1', 'true', '0', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});

const idParam = z.object({ id: idSchema });

/**
 * zod's record drops a "__proto__" key (it assigns into a plain object), so look at the
 * parsed JSON itself: such an input must be refused like any name the workflow lacks.
 */
const sentProtoInput = async (c: Context): Promise<boolean> => {
  const raw: unknown = await c.req.json();
  const inputs =
    typeof raw === 'object' && raw !== null ? (raw as { inputs?: unknown }).inputs : undefined;
  return typeof inputs === 'object' && inputs !== null && Object.hasOwn(inputs, '__proto__');
};

/** Codes of a run request's problems that are also the answer's code when they come first. */
/** Codes a client may act on, answered as the error's code (the rest: invalid_workflow/_inputs). */
const RUN_PROBLEM_CODES = new Set([
  'unknown_blob',
  'missing_image',
  'missing_mask',
  // A model OpenAI shut down or does not list: the message names the replacement.
  'model_shut_down',
  'model_unavailable',
  'model_lacks_image_tool',
  'unsupported_option',
]);

const runProblemCode = (issues: readonly Issue[]): string => {
  const first = issues[0];
  if (first && RUN_PROBLEM_CODES.has(first.code)) return first.code;
  return first?.path.startsWith('inputs') ? 'invalid_inputs' : 'invalid_workflow';
};

/** Runs: start, list, read, watch (SSE), cancel. */
export const runRoutes = (deps: AppDeps) =>
  new Hono()
    .post(
      '/',
      allow('run'),
      jsonBody,
      idempotency(deps.db, 'POST /api/runs'),
      validate('json', startSchema),
      async (c) => {
        const body = c.req.valid('json');
        const resolved = resolveRunDocument(
          c,
          deps,
          body,
          'Send "workflowId" (a saved workflow), "workflow" (a document), or both (an edited saved workflow: runs the document, files the run under the id).',
        );
        if (!resolved.ok) return resolved.response;
        const { document, workflowVersion } = resolved;
        // Blob references become image values; a kind mismatch is reported by applyInputs.
        const entries: [string, string | ImageValue][] = [];
        // Refused by applyInputs as a name the workflow lacks (no workflow may have it).
        if (await sentProtoInput(c)) entries.push(['__proto__', '']);
        for (const [name, value] of Object.entries(body.inputs ?? {})) {
          if (typeof value === 'string') {
            entries.push([name, value]);
            continue;
          }
          const path = `inputs.${name}`;
          const blob = value.blob;
          const info = isBlobId(blob) ? await deps.blobs.info(blob) : undefined;
          if (!info || !isBlobId(blob))
            return apiError(
              c,
              422,
              'unknown_blob',
              `Input "${name}" refers to blob "${value.blob}", which was never uploaded (POST /api/blobs first).`,
              { path },
            );
          entries.push([name, { blob, mime: info.mime, width: info.width, height: info.height }]);
        }
        // fromEntries defines keys: "__proto__" stays an own key, never the prototype.
        const inputs = Object.fromEntries(entries);

        const refused = refuseWebhook(c, deps, body.webhook);
        if (refused) return refused;
        const actor = actorOf(c);
        try {
          const { id, warnings } = deps.runs.start({
            workflow: document,
            workflowId: body.workflowId,
            workflowVersion,
            inputs,
            target: body.target,
            force: body.force,
            startedBy: { id: actor.id, name: actor.name },
          });
          if (deps.log) logRunSteps(deps.runs, id, deps.log);
          if (body.webhook !== undefined && deps.webhooks) {
            deps.webhooks.register(`run:${id}`, body.webhook);
            watchRun(deps.webhooks, deps.runs, id);
          }
          return c.json({ id, warnings }, 202);
        } catch (error) {
          if (!(error instanceof RunValidationError)) throw error;
          return invalidWorkflow(c, error.issues, runProblemCode(error.issues));
        }
      },
    )
    .get('/', allow('view'), validate('query', listQuery), (c) => {
      const { workflowId, limit, starred } = c.req.valid('query');
      return c.json(deps.runs.list({ workflowId, limit, starred }), 200);
    })
    .get('/:id', allow('view'), validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const run = deps.runs.get(id);
      return run
        ? c.json(run, 200)
        : apiError(c, 404, 'run_not_found', `No run with id "${id}".`, { path: 'id' });
    })
    .get('/:id/webhook', allow('view'), validate('param', idParam), (c) =>
      webhookLog(c, deps, `run:${c.req.valid('param').id}`),
    )
    .post('/:id/cancel', allow('run'), validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const run = deps.runs.get(id);
      if (!run) return apiError(c, 404, 'run_not_found', `No run with id "${id}".`, { path: 'id' });
      if (FINISHED_STATUSES.has(run.status) || !deps.runs.cancel(id))
        return c.json(
          errorBody('run_finished', `Run "${id}" has already finished (${run.status}).`),
          409,
        );
      return c.json({ id, status: 'cancelling' as const }, 202);
    })
    .route('/', eventsRoute(deps));
