import type { MiddlewareHandler } from 'hono';

/**
 * One line per request: `GET /api/runs/abc 200 3ms`. The path only — never the query
 * string, which may carry the token.
 */
/** A share link's token is a capability: logs name the route, never the token. */
export const redactPath = (path: string) => path.replace(/^(\/api\/s|\/s)\/[^/]+/, '$1/…');

export const requestLog =
  (log: (line: string) => void): MiddlewareHandler =>
  async (c, next) => {
    const start = performance.now();
    await next();
    const ms = Math.round(performance.now() - start);
    log(`${c.req.method} ${redactPath(c.req.path)} ${c.res.status} ${ms}ms`);
  };
