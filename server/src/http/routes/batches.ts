import { watchBatch } from '../../webhooks/watch-finish';
import { refuseWebhook, webhookField, webhookLog } from './webhook-field';
import type { ImageValue, Workflow } from '@atelier/graph';
import { isBlobId, recipeSignature } from '@atelier/graph';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { allow } from '../../auth/allow';
import { actorOf } from '../../auth/actor';
import { streamSSE } from 'hono/streaming';
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { FINISHED_BATCH } from '../../batches/batch-record';
import { batchResults } from '../../batches/batch-results';
import type { RowValues } from '../../batches/batch-rows';
import { rowsOf, RowSourceError } from '../../batches/batch-rows';
import { parseEventId } from '../../batches/batch-event-log';
import type { NumberedBatchEvent } from '../../batches/batch-service';
import { BatchValidationError, MAX_BATCH_ROWS } from '../../batches/batch-service';
import type { RowProblem } from '../../batches/preflight';
import type { RunInputs } from '../../runs/run-record';
import type { AppDeps } from '../deps';
import { apiError } from '../errors';
import { idempotency } from '../idempotency';
import { jsonBody, validate } from '../validate';
import { documentSchema, idSchema } from './workflows';
import { resolveRunDocument } from './run-document';
import { inputValueSchema } from '../input-value';

const cell = inputValueSchema;
const lists = z.record(z.string(), z.array(cell).max(MAX_BATCH_ROWS));

const batchSchema = z.object({
  workflowId: idSchema.optional(),
  version: z.number().int().positive().optional(),
  workflow: documentSchema.optional(),
  rows: z.array(z.record(z.string(), cell)).max(MAX_BATCH_ROWS).optional(),
  csv: z.string().max(20_000_000).optional(),
  product: lists.optional(),
  zip: lists.optional(),
  /**
   * The uploaded set: file name → blob id. A cell of an image (or mask) input may name a file
   * of it instead of giving `{blob}` or `blob:<sha256>` (a CSV written next to a folder).
   */
  files: z
    .record(z.string().min(1).max(1024), z.string())
    .refine((files) => Object.keys(files).length <= MAX_BATCH_ROWS, {
      message: `at most ${MAX_BATCH_ROWS} files`,
    })
    .optional(),
  maxCost: z.number().min(0).optional(),
  priority: z.number().int().min(-100).max(100).optional(),
  webhook: webhookField,
});
type BatchBody = z.infer<typeof batchSchema>;

const patchSchema = z
  .object({
    maxCost: z.number().min(0).nullable().optional(),
    priority: z.number().int().min(-100).max(100).optional(),
    /** Serve this batch before the other queued ones of its priority. */
    front: z.literal(true).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'send maxCost, priority or front');

const idParam = z.object({ id: idSchema });
const eventsQuery = z.object({
  /** Replay after this event id (what `Last-Event-ID` says, for clients that cannot send it). */
  after: z.string().max(64).optional(),
  /** Accepted by the auth middleware for EventSource, which cannot send headers. */
  token: z.string().optional(),
});
const rowsQuery = z.object({
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']).optional(),
});

const problemIssues = (problems: RowProblem[], source = 'rows') =>
  problems.map((p) => ({
    path: `${source}[${p.row}]${p.column !== undefined ? `.${p.column}` : ''}`,
    code: p.code,
    message: `Row ${p.row + 1}${p.column !== undefined ? `, column "${p.column}"` : ''}: ${p.message}`,
  }));

const invalidRows = (c: Context, problems: RowProblem[], source = 'rows') => {
  const issues = problemIssues(problems, source);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return apiError(c, 422, 'invalid_rows', `${issues[0]!.message}${more}`, {
    path: issues[0]!.path,
    issues,
  });
};

type Resolved =
  | {
      ok: true;
      document: Workflow;
      workflowId?: string;
      workflowVersion?: number;
      rows: RunInputs[];
    }
  | { ok: false; response: Response };

/** The recipe version and the rows of a batch request, or the answer that says what to fix. */
const resolveBatch = async (c: Context, deps: AppDeps, body: BatchBody): Promise<Resolved> => {
  const resolved = resolveRunDocument(
    c,
    deps,
    body,
    'Send "workflowId" (a library recipe, pinned at its current version or "version") or "workflow" (a document).',
  );
  if (!resolved.ok) return resolved;
  const { document, workflowVersion } = resolved;
  let values: RowValues[];
  try {
    values = rowsOf(body);
  } catch (error) {
    if (!(error instanceof RowSourceError)) throw error;
    if (error.problems[0]?.code === 'invalid_request')
      return {
        ok: false,
        response: apiError(c, 400, 'invalid_request', error.message, { path: error.path }),
      };
    const source = body.csv !== undefined ? 'csv' : body.zip ? 'zip' : 'rows';
    return { ok: false, response: invalidRows(c, error.problems, source) };
  }
  if (values.length === 0)
    return {
      ok: false,
      response: apiError(c, 400, 'no_rows', 'The batch has no rows: give at least one.', {
        path: 'rows',
      }),
    };
  if (values.length > MAX_BATCH_ROWS)
    return {
      ok: false,
      response: apiError(
        c,
        413,
        'too_many_rows',
        `A batch has at most ${MAX_BATCH_ROWS} rows; this one has ${values.length}: split it.`,
        { path: 'rows' },
      ),
    };
  const problems: RowProblem[] = [];
  const imageInputs = new Set(
    recipeSignature(document, deps.registry)
      .filter((input) => input.kind === 'image' || input.kind === 'mask')
      .map((input) => input.name),
  );
  const rows = values.map((row, index) => {
    const inputs: RunInputs = {};
    for (const [name, cellValue] of Object.entries(row)) {
      let value = cellValue;
      if (typeof value === 'string' && imageInputs.has(name)) {
        const named = fileNamed(body.files, value);
        if (named === undefined) {
          problems.push({
            row: index,
            column: name,
            code: 'unknown_file',
            message: body.files
              ? `"${value}" is not a file of the uploaded set ("files"): check the name, or upload it and add it.`
              : `"${value}" names no uploaded image: send "files" ({"${value}": "<blob id>"} from POST /api/blobs), or give "blob:<sha256>".`,
          });
          continue;
        }
        value = named;
      }
      if (typeof value === 'string') {
        inputs[name] = value;
        continue;
      }
      const info = isBlobId(value.blob) ? deps.blobs.info(value.blob) : undefined;
      if (!info) {
        problems.push({
          row: index,
          column: name,
          code: 'unknown_blob',
          message:
            typeof cellValue === 'string' && !cellValue.startsWith('blob:')
              ? `file "${cellValue}" stands for blob "${value.blob}", which was never uploaded (POST /api/blobs first).`
              : `blob "${value.blob}" was never uploaded (POST /api/blobs first).`,
        });
        continue;
      }
      inputs[name] = {
        blob: value.blob,
        mime: info.mime,
        width: info.width,
        height: info.height,
      } as ImageValue;
    }
    return inputs;
  });
  if (problems.length > 0) return { ok: false, response: invalidRows(c, problems) };
  return {
    ok: true,
    document,
    ...(body.workflowId ? { workflowId: body.workflowId } : {}),
    ...(workflowVersion ? { workflowVersion } : {}),
    rows,
  };
};

/**
 * An image cell given as text: `blob:<sha256>`, or the name of a file of the uploaded set
 * (exactly, then by its last path segment: a CSV may say `photos/fox.png` for `fox.png`).
 */
const fileNamed = (
  files: Record<string, string> | undefined,
  text: string,
): { blob: string } | undefined => {
  const name = text.trim();
  if (/^blob:[0-9a-f]{64}$/.test(name)) return { blob: name.slice(5) };
  if (!files) return undefined;
  const blob = files[name] ?? files[name.split(/[\\/]/).pop()!];
  return blob === undefined ? undefined : { blob };
};

const notFound = (c: Context, id: string) =>
  apiError(c, 404, 'batch_not_found', `No batch with id "${id}".`, { path: 'id' });

/** Batches (DESIGN.md §10): preview, create, read, watch, control, download. */
export const batchRoutes = (deps: AppDeps) => {
  const batches = deps.batches;
  return new Hono()
    .post('/preview', allow('run'), jsonBody, validate('json', batchSchema), async (c) => {
      const resolved = await resolveBatch(c, deps, c.req.valid('json'));
      if (!resolved.ok) return resolved.response;
      const result = await batches.preview(resolved.document, resolved.rows);
      if (result.problems.length > 0) return invalidRows(c, result.problems);
      const { rows, calls, cachedNodes, estimatedCost } = result;
      // Rows start in order, each once its estimate fits the cap: a cap below the first row's
      // runs nothing, and the editor warns before Start naming this amount.
      const firstRowCost = result.perRow[0]?.estimatedCost ?? 0;
      return c.json({ rows, calls, cachedNodes, estimatedCost, firstRowCost }, 200);
    })
    .post(
      '/',
      allow('run'),
      jsonBody,
      idempotency(deps.db, 'POST /api/batches'),
      validate('json', batchSchema),
      async (c) => {
        const body = c.req.valid('json');
        const refused = refuseWebhook(c, deps, body.webhook);
        if (refused) return refused;
        const resolved = await resolveBatch(c, deps, body);
        if (!resolved.ok) return resolved.response;
        try {
          const actor = actorOf(c);
          const { id, preflight } = await batches.create({
            document: resolved.document,
            startedBy: { id: actor.id, name: actor.name },
            ...(resolved.workflowId ? { workflowId: resolved.workflowId } : {}),
            ...(resolved.workflowVersion ? { workflowVersion: resolved.workflowVersion } : {}),
            rows: resolved.rows,
            ...(body.maxCost !== undefined ? { maxCost: body.maxCost } : {}),
            ...(body.priority !== undefined ? { priority: body.priority } : {}),
          });
          if (body.webhook !== undefined && deps.webhooks) {
            deps.webhooks.register(`batch:${id}`, body.webhook);
            watchBatch(deps.webhooks, batches, id);
          }
          const { rows, calls, cachedNodes, estimatedCost } = preflight;
          return c.json({ id, rows, calls, cachedNodes, estimatedCost }, 202);
        } catch (error) {
          if (!(error instanceof BatchValidationError)) throw error;
          return invalidRows(c, error.problems);
        }
      },
    )
    .get('/', allow('view'), (c) => c.json(batches.list(), 200))
    .get('/:id', allow('view'), validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const batch = batches.get(id);
      return batch ? c.json(batch, 200) : notFound(c, id);
    })
    .get('/:id/webhook', allow('view'), validate('param', idParam), (c) =>
      webhookLog(c, deps, `batch:${c.req.valid('param').id}`),
    )
    .get(
      '/:id/rows',
      allow('view'),
      validate('param', idParam),
      validate('query', rowsQuery),
      (c) => {
        const { id } = c.req.valid('param');
        if (!batches.get(id)) return notFound(c, id);
        return c.json(batches.rows(id, c.req.valid('query').status), 200);
      },
    )
    .get(
      '/:id/events',
      allow('view'),
      validate('param', idParam),
      validate('query', eventsQuery),
      (c) => {
        const { id } = c.req.valid('param');
        if (!batches.get(id)) return notFound(c, id);
        const raw = c.req.header('last-event-id') ?? c.req.valid('query').after;
        const cursor = raw === undefined ? undefined : parseEventId(raw);
        if (raw !== undefined && !cursor)
          return apiError(
            c,
            400,
            'invalid_request',
            'Last-Event-ID (or ?after=) must be the id of an event of this stream, like "3f9a2c-41".',
            { path: 'Last-Event-ID' },
          );
        // Nothing left to say: 204 tells EventSource not to reconnect.
        if (cursor && batches.seenToTheEnd(id, cursor)) return c.body(null, 204);
        c.header('X-Accel-Buffering', 'no');
        return streamSSE(c, async (stream) => {
          let finish: () => void = () => {};
          const ended = new Promise<void>((resolve) => (finish = resolve));
          // Writes are chained so events leave in order however fast they arrive.
          let chain: Promise<unknown> = Promise.resolve();
          let aborted = false;
          const enqueue = (write: () => Promise<unknown>) => {
            chain = chain.then(() => (aborted ? undefined : write()));
          };
          const send = ({ id: eventId, event }: NumberedBatchEvent) => {
            enqueue(() =>
              stream.writeSSE({ id: eventId, event: event.type, data: JSON.stringify(event) }),
            );
            if (event.type === 'batch.updated' && FINISHED_BATCH.has(event.batch.status))
              void chain.then(finish);
          };
          stream.onAbort(() => {
            aborted = true;
            finish();
          });
          // Subscribed and caught up in one tick: no event falls between the two.
          const unsubscribe = batches.subscribe(id, (event, eventId) =>
            send({ id: eventId, event }),
          );
          for (const owed of batches.catchUp(id, cursor) ?? []) send(owed);
          const heartbeat = setInterval(
            () => enqueue(() => stream.write(': heartbeat\n\n')),
            deps.heartbeatMs ?? 15_000,
          );
          await ended;
          clearInterval(heartbeat);
          unsubscribe();
          await chain;
        });
      },
    )
    .post('/:id/pause', allow('run'), validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const batch = batches.get(id);
      if (!batch) return notFound(c, id);
      if (!batches.pause(id))
        return apiError(
          c,
          409,
          'batch_not_running',
          `Batch "${id}" is ${batch.status}: only a queued or running batch can be paused.`,
        );
      return c.json(batches.get(id)!, 200);
    })
    .post('/:id/resume', allow('run'), validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const batch = batches.get(id);
      if (!batch) return notFound(c, id);
      if (!batches.resume(id))
        return apiError(
          c,
          409,
          'batch_not_paused',
          `Batch "${id}" is ${batch.status}: only a paused batch (or one stopped at its cap) can be resumed.`,
        );
      return c.json(batches.get(id)!, 200);
    })
    .post('/:id/cancel', allow('run'), validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const batch = batches.get(id);
      if (!batch) return notFound(c, id);
      if (!batches.cancel(id))
        return apiError(
          c,
          409,
          'batch_finished',
          `Batch "${id}" has already finished (${batch.status}).`,
        );
      return c.json(batches.get(id)!, 200);
    })
    .post('/:id/retry', allow('run'), validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const batch = batches.get(id);
      if (!batch) return notFound(c, id);
      if (batch.status === 'cancelled')
        return apiError(c, 409, 'batch_cancelled', `Batch "${id}" was cancelled: start a new one.`);
      const retried = batches.retry(id);
      if (retried === 0)
        return apiError(c, 409, 'nothing_to_retry', `Batch "${id}" has no failed rows to retry.`);
      return c.json({ ...batches.get(id)!, retried }, 200);
    })
    .patch(
      '/:id',
      allow('run'),
      jsonBody,
      validate('param', idParam),
      validate('json', patchSchema),
      (c) => {
        const { id } = c.req.valid('param');
        const batch = batches.get(id);
        if (!batch) return notFound(c, id);
        if (FINISHED_BATCH.has(batch.status))
          return apiError(
            c,
            409,
            'batch_finished',
            `Batch "${id}" has already finished (${batch.status}).`,
          );
        const body = c.req.valid('json');
        batches.update(id, body);
        return c.json(batches.get(id)!, 200);
      },
    )
    .get('/:id/results.zip', allow('view'), validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      const batch = batches.get(id);
      if (!batch) return notFound(c, id);
      const { files, manifest } = await batchResults(
        batches.rows(id),
        deps.runs,
        deps.blobs,
        deps.registry,
      );
      const entries: Record<string, Uint8Array> = { 'manifest.csv': strToU8(manifest) };
      // Images are compressed already: stored as they are.
      for (const file of files) entries[file.path] = file.bytes;
      const zip = zipSync(entries, { level: 0 });
      return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${id}.zip"`,
      });
    });
};

/** `GET /api/queue`: unfinished batches in the order they are served. */
export const queueRoutes = (deps: AppDeps) =>
  new Hono().get('/', allow('view'), (c) => c.json({ batches: deps.batches.queue() }, 200));
