import { serve } from '@hono/node-server';
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

/**
 * Tests only: the app on a real port, where header `x-test-person` picks who is asking (one of
 * `people`; none: solo). Real HTTP, several people, before team sign-in is wired in.
 */
export const serveAsPeople = async (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  app: Hono<any, any, any>,
  people: Record<string, Actor>,
): Promise<{ url: string; close(): Promise<void> }> => {
  const outer = new Hono();
  outer.use('*', async (c, next) => {
    const who = c.req.header('x-test-person');
    const actor = who === undefined ? undefined : people[who];
    if (actor) c.set('actor', actor);
    await next();
  });
  outer.route('/', app);
  return new Promise((resolve) => {
    const server = serve({ fetch: outer.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
};
