import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { errorBody } from './errors';

/** True for names and addresses that only this machine can reach. */
export const isLoopbackHost = (host: string): boolean => {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (bare.startsWith('::ffff:')) return bare.slice(7).startsWith('127.');
  return false;
};

/** Shorter tokens can be guessed; 32 random hex characters are 128 bits. */
export const MIN_TOKEN_LENGTH = 32;

const MAKE_TOKEN =
  'make one with `openssl rand -hex 32` (or `node -e "console.log(crypto.randomBytes(32).toString(\'hex\'))"`)';

/**
 * Why the server must not start with these settings, or undefined when it may: anyone on the
 * network could spend the API key of a server listening beyond loopback without a token, and a
 * short token can be guessed.
 */
export const exposureProblem = (host: string, token: string | undefined): string | undefined => {
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH)
    return (
      `ATELIER_TOKEN is ${token.length} characters long; it must be at least ${MIN_TOKEN_LENGTH} ` +
      `random characters so that it cannot be guessed: ${MAKE_TOKEN}.`
    );
  if (isLoopbackHost(host) || token) return undefined;
  return (
    `HOST=${host} makes Atelier reachable from other machines, so it needs ATELIER_TOKEN: ` +
    `set ATELIER_TOKEN to a long random secret (clients then send "Authorization: Bearer <token>"), ` +
    `${MAKE_TOKEN}; or use HOST=127.0.0.1.`
  );
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Keeps web pages on other sites away from the API. A page can send "simple" cross-site
 * POSTs without CORS (and the JSON routes accept any Content-Type, for curl), so a request
 * that changes something must not come from another origin: a browser says where it came
 * from in `Origin` (curl and scripts send none). Without a token the server also answers only
 * to loopback host names, which defeats DNS rebinding (evil.example resolving to 127.0.0.1).
 */
export const originGuard = (loopbackNamesOnly: boolean): MiddlewareHandler => {
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (loopbackNamesOnly && !isLoopbackHost(url.hostname))
      return c.json(
        errorBody(
          'forbidden_host',
          `This server answers only to 127.0.0.1 or localhost, not "${url.hostname}" (set ATELIER_TOKEN to serve other names).`,
        ),
        403,
      );
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      const fetchSite = c.req.header('sec-fetch-site');
      let sameOrigin = origin === undefined;
      if (origin !== undefined) {
        try {
          sameOrigin = new URL(origin).host === url.host;
        } catch {
          sameOrigin = false; // "null" (sandboxed frames, file:) or garbage
        }
      }
      if (!sameOrigin || fetchSite === 'cross-site')
        return c.json(
          errorBody(
            'forbidden_origin',
            'Requests from other web sites may not change anything here.',
          ),
          403,
        );
    }
    await next();
  };
};
