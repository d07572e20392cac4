import { Hono } from 'hono';
import type { Actor } from '../auth/actor';

/**
 * Tests only: the app as one person sees it. The request's actor is set the way the
 * authentication middleware sets it, in front of the app's own routes (composed, so they share
 * the request's context), and routes decide from that person and role.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const actingAs = (app: Hono<any, any, any>, actor: Actor) => {
  const outer = new Hono();
  outer.use('*', async (c, next) => {
    c.set('actor', actor);
    await next();
  });
  outer.route('/', app);
  return (path: string, init?: RequestInit): Promise<Response> =>
    Promise.resolve(outer.request(path, init));
};
