import type { RunEvent } from '@atelier/engine';
import { Hono } from 'hono';
import { allow } from '../../auth/allow';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { FINISHED_STATUSES } from '../../runs/run-service';
import type { AppDeps } from '../deps';
import { apiError } from '../errors';
import { validate } from '../validate';
import { idSchema } from './workflows';

export const HEARTBEAT_MS = 15_000;

const seq = z.coerce.number().int().min(0);
const eventsQuery = z.object({
  /** Replay only events after this seq (what `Last-Event-ID` says, for clients without it). */
  after: seq.optional(),
  /** Accepted by the auth middleware for EventSource, which cannot send headers. */
  token: z.string().optional(),
});

/** URL the browser loads an image from; partial images travel as references, never base64. */
export const blobUrl = (blob: string) => `/api/blobs/${blob}`;

/** The event as sent: partial images gain the URL of their bytes. */
export const presentEvent = (event: RunEvent) =>
  event.type === 'node.partial_image' ? { ...event, url: blobUrl(event.image.blob) } : event;

/**
 * `GET /api/runs/:id/events`: the run's events as SSE (`id:` = seq, `event:` = type, data =
 * JSON). Persisted events after `Last-Event-ID` (or `?after=`) are replayed, then live ones
 * follow; the stream closes after `run.completed`. A run that ended without one (interrupted
 * by a crash or a shutdown) gets a final `run.ended` event with its status, so clients know to
 * stop. A finished run with nothing left to replay answers 204 No Content: the SSE way to tell
 * EventSource not to reconnect (it would otherwise reconnect to an empty stream forever).
 */
export const eventsRoute = (deps: AppDeps) =>
  new Hono().get(
    '/:id/events',
    allow('view'),
    validate('param', z.object({ id: idSchema })),
    validate('query', eventsQuery),
    (c) => {
      const { id } = c.req.valid('param');
      const run = deps.runs.get(id);
      if (!run) return apiError(c, 404, 'run_not_found', `No run with id "${id}".`, { path: 'id' });
      const header = c.req.header('last-event-id');
      const fromHeader = header === undefined ? undefined : seq.safeParse(header);
      if (fromHeader && !fromHeader.success)
        return apiError(c, 400, 'invalid_request', 'Last-Event-ID must be an event seq number.', {
          path: 'Last-Event-ID',
        });
      const after = fromHeader?.data ?? c.req.valid('query').after ?? 0;
      if (FINISHED_STATUSES.has(run.status) && deps.runs.lastSeq(id) <= after)
        return c.body(null, 204);
      const heartbeatMs = deps.heartbeatMs ?? HEARTBEAT_MS;
      c.header('X-Accel-Buffering', 'no');

      return streamSSE(c, async (stream) => {
        let finish!: () => void;
        const finished = new Promise<void>((resolve) => (finish = resolve));
        // Writes are chained so events leave in seq order however fast they arrive.
        let chain: Promise<unknown> = Promise.resolve();
        let sawCompleted = false;
        let aborted = false;
        const enqueue = (write: () => Promise<unknown>) => {
          chain = chain.then(() => (aborted ? undefined : write()));
        };

        const onAbort = () => {
          aborted = true;
          finish();
        };
        stream.onAbort(onAbort);
        c.req.raw.signal.addEventListener('abort', onAbort);

        const unsubscribe = deps.runs.subscribe(
          id,
          after,
          (record) => {
            if (record.event.type === 'run.completed') sawCompleted = true;
            enqueue(() =>
              stream.writeSSE({
                id: String(record.seq),
                event: record.event.type,
                data: JSON.stringify(presentEvent(record.event)),
              }),
            );
          },
          () => {
            enqueue(async () => {
              if (sawCompleted) return;
              const status = deps.runs.get(id)?.status ?? 'unknown';
              await stream.writeSSE({ event: 'run.ended', data: JSON.stringify({ status }) });
            });
            void chain.then(finish);
          },
        );
        const heartbeat = setInterval(
          () => enqueue(() => stream.write(': heartbeat\n\n')),
          heartbeatMs,
        );

        await finished;
        clearInterval(heartbeat);
        c.req.raw.signal.removeEventListener('abort', onAbort);
        unsubscribe();
        await chain;
      });
    },
  );
