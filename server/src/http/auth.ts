import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AuthThrottle } from './auth-throttle';
import { clientOf } from './client-of';
import { errorBody } from './errors';

/** Cookie the editor may set so `<img>` and EventSource requests carry the token. */
export const TOKEN_COOKIE = 'atelier_token';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time: both sides are hashed to equal-length digests before comparing. */
export const tokenMatches = (given: string, expected: string): boolean =>
  timingSafeEqual(digest(given), digest(expected));

const bearer = (header: string | undefined): string | undefined => {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim();
};

/**
 * Requires the token on every /api route. Accepted from `Authorization: Bearer <token>`;
 * from the `atelier_token` cookie on GET requests (images and streams loaded by the
 * browser cannot send headers; GETs change nothing, so a cross-site POST gains nothing);
 * and from `?token=` on the events route only, for EventSource.
 */
export const requireToken = (
  token: string,
  throttle: AuthThrottle = new AuthThrottle(),
): MiddlewareHandler => {
  return async (c, next) => {
    // A client that failed too often is refused before any comparison: guessing stays slow.
    const client = clientOf(c);
    const wait = throttle.retryAfter(client);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.json(
        errorBody(
          'too_many_attempts',
          `Too many wrong tokens from this address; try again in ${wait} s.`,
        ),
        429,
      );
    }
    const candidates = [bearer(c.req.header('authorization'))];
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      candidates.push(getCookie(c, TOKEN_COOKIE));
      if (/^\/api\/runs\/[^/]+\/events$/.test(c.req.path)) candidates.push(c.req.query('token'));
    }
    // Compare against every candidate so timing does not reveal which one was present.
    let ok = false;
    for (const candidate of candidates) {
      if (candidate !== undefined && tokenMatches(candidate, token)) ok = true;
    }
    if (!ok) {
      // Only a wrong credential counts: a request without one (the editor's first call) guesses nothing.
      if (candidates.some((candidate) => candidate !== undefined)) throttle.fail(client);
      c.header('WWW-Authenticate', 'Bearer realm="atelier"');
      return c.json(
        errorBody(
          'unauthorized',
          'Missing or wrong token: send "Authorization: Bearer <ATELIER_TOKEN>".',
        ),
        401,
      );
    }
    await next();
  };
};
