import type { MiddlewareHandler } from 'hono';
import type { Action } from '../auth/actor';
import { authorize } from '../auth/actor';

/**
 * First in each review route: a role that may not act gets 403 before its input is read
 * (so a bad body never tells a viewer more than "no"). Same as 14a's `allow(action)`.
 */
export const may =
  (action: Action): MiddlewareHandler =>
  async (c, next) => {
    authorize(c, action);
    await next();
  };
