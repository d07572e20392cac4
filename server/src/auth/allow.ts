import { createMiddleware } from 'hono/factory';
import type { Action } from './actor';
import { authorize } from './actor';

/**
 * Route middleware: `authorize(c, action)` before anything else of the route runs, so a role
 * that may not act is told 403 whatever it sent (not 400 about a body it may not send).
 * Put it first: `.post('/', allow('edit'), jsonBody, validate(...), handler)`.
 */
export const allow = (action: Action) =>
  createMiddleware(async (c, next) => {
    authorize(c, action);
    await next();
  });
