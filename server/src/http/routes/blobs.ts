import { isBlobId } from '@atelier/graph';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { allow } from '../../auth/allow';
import { actorOf } from '../../auth/actor';
import { canSeeBlob, recordUpload } from '../../auth/blob-access';
import { z } from 'zod';
import { IMAGE_PROBLEMS, ImageCheckError } from '../../blobs/check-image';
import type { AppDeps } from '../deps';
import { apiError, errorBody } from '../errors';
import { readUpload, UploadTooLarge } from '../read-upload';
import { validate } from '../validate';

/** Uploads larger than this are refused before they are read (DESIGN.md §4). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const blobParam = z.object({
  blob: z.string().refine(isBlobId, 'expected a blob id: 64 lowercase hex characters'),
});

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** `POST /api/blobs` (raw image bytes) and `GET /api/blobs/:blob`. */
export const blobRoutes = (deps: AppDeps) => {
  const maxBytes = deps.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const tooLarge = (c: Context) =>
    c.json(
      errorBody(
        'payload_too_large',
        `Uploads are limited to ${megabytes(maxBytes)}; send a smaller image.`,
      ),
      413,
    );
  return new Hono()
    .post('/', allow('run'), async (c) => {
      // Content-Length is checked before anything is read; streamed bytes are counted.
      if (Number(c.req.header('content-length')) > maxBytes) return tooLarge(c);
      let bytes: Uint8Array;
      try {
        bytes = await readUpload(c, maxBytes);
      } catch (error) {
        if (!(error instanceof UploadTooLarge)) throw error;
        return tooLarge(c);
      }
      if (bytes.length === 0)
        return apiError(c, 400, 'empty_body', 'Send the image bytes as the request body.');
      const length = bytes.length;
      let stored;
      try {
        // The upload's memory moves to the worker that checks and stores it: nothing copied.
        stored = await deps.blobs.putUpload(bytes, { transfer: true });
      } catch (error) {
        if (!(error instanceof ImageCheckError)) throw error;
        return apiError(c, IMAGE_PROBLEMS[error.code], error.code, error.message);
      }
      recordUpload(deps.db, stored.blob, actorOf(c).id);
      return c.json(
        {
          blob: stored.blob,
          mime: stored.mime,
          width: stored.width,
          height: stored.height,
          bytes: length,
        },
        201,
      );
    })
    .get('/:blob', allow('view'), validate('param', blobParam, 'invalid_blob_id'), async (c) => {
      const { blob } = c.req.valid('param');
      const info = await deps.blobs.info(blob);
      // In a team, knowing a hash is not enough (auth/blob-access.ts); unseen looks like missing.
      if (!info || (deps.accounts && !canSeeBlob(deps.db, blob, actorOf(c).id)))
        return apiError(c, 404, 'blob_not_found', `No blob ${blob}.`, { path: 'blob' });
      // Content-addressed: the id is the digest, so the bytes behind a URL never change.
      const etag = `"${blob}"`;
      c.header('ETag', etag);
      // A team's images are not for shared caches: each person is checked.
      c.header(
        'Cache-Control',
        `${deps.accounts ? 'private' : 'public'}, max-age=31536000, immutable`,
      );
      if (c.req.header('if-none-match') === etag) return c.body(null, 304);
      const bytes = await deps.blobs.get(blob);
      c.header('Content-Type', info.mime);
      c.header('X-Content-Type-Options', 'nosniff');
      // SQLite hands back Buffer views over a plain ArrayBuffer.
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
    });
};
