import type { MiddlewareHandler } from 'hono';

/**
 * One line per request: `GET /api/runs/abc 200 3ms`. The path only — never the query
 * string, which may carry the token.
 */
export const requestLog =
  (log: (line: string) => void): MiddlewareHandler =>
  async (c, next) => {
    const start = performance.now();
    await next();
    const ms = Math.round(performance.now() - start);
    log(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`);
  };
