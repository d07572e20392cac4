import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db';
import { errorBody } from './errors';

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on a POST (after jsonBody): the first request's answer is stored, and a
 * retry with the same key and body gets it back (header `Idempotent-Replayed: true`) without
 * starting anything again. The same key with another body is 422; a retry while the first is
 * still being answered is 409. Only successful answers are kept: a refused request may be sent
 * again once fixed.
 */
export const idempotency =
  (db: Db, route: string): MiddlewareHandler =>
  async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    if (!KEY.test(key))
      return c.json(
        errorBody(
          'invalid_idempotency_key',
          'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice).',
          { path: 'Idempotency-Key' },
        ),
        400,
      );
    const bodyHash = createHash('sha256')
      .update(JSON.stringify(await c.req.json()))
      .digest('hex');
    const { sqlite } = db;
    const existing = sqlite
      .prepare<
        [string, string],
        { body_hash: string; status: number | null; response: string | null }
      >(`SELECT body_hash, status, response FROM idempotency_keys WHERE route = ? AND key = ?`)
      .get(route, key);
    if (existing) {
      if (existing.body_hash !== bodyHash)
        return c.json(
          errorBody(
            'idempotency_key_reused',
            'This Idempotency-Key was used with a different request body: use a new key for a new request.',
            { path: 'Idempotency-Key' },
          ),
          422,
        );
      if (existing.status === null)
        return c.json(
          errorBody(
            'idempotency_in_progress',
            'The first request with this Idempotency-Key is still being answered: retry in a moment.',
          ),
          409,
        );
      return new Response(existing.response, {
        status: existing.status,
        headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
      });
    }
    sqlite
      .prepare(
        `INSERT INTO idempotency_keys (key, route, body_hash, created_at) VALUES (?, ?, ?, ?)`,
      )
      .run(key, route, bodyHash, Date.now());
    let kept = false;
    try {
      await next();
      if (c.res.status >= 200 && c.res.status < 300) {
        const text = await c.res.clone().text();
        sqlite
          .prepare(
            `UPDATE idempotency_keys SET status = ?, response = ? WHERE route = ? AND key = ?`,
          )
          .run(c.res.status, text, route, key);
        kept = true;
      }
    } finally {
      if (!kept)
        sqlite.prepare(`DELETE FROM idempotency_keys WHERE route = ? AND key = ?`).run(route, key);
    }
  };
