import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors';
import { actorOf, authorize, can, ROLES, SOLO_ACTOR, type Actor } from './actor';

describe('roles', () => {
  it('grant each role exactly its actions', () => {
    const table = Object.fromEntries(
      ROLES.map((role) => [
        role,
        (['view', 'comment', 'run', 'edit', 'admin'] as const).filter((a) => can(role, a)),
      ]),
    );
    expect(table).toEqual({
      owner: ['view', 'comment', 'run', 'edit', 'admin'],
      admin: ['view', 'comment', 'run', 'edit', 'admin'],
      editor: ['view', 'comment', 'run', 'edit'],
      runner: ['view', 'comment', 'run'],
      viewer: ['view', 'comment'],
    });
  });
});

describe('authorize', () => {
  const app = (actor?: Actor) => {
    const hono = new Hono();
    hono.use('*', async (c, next) => {
      if (actor) c.set('actor', actor);
      await next();
    });
    hono.onError((error, c) =>
      error instanceof ApiError
        ? c.json({ code: error.code, message: error.message }, error.status)
        : c.json({ code: 'boom' }, 500),
    );
    hono.post('/edit', (c) => c.json({ by: authorize(c, 'edit').id }));
    hono.get('/who', (c) => c.json(actorOf(c)));
    return hono;
  };

  it('treats a request without authentication as the solo owner', async () => {
    expect(await (await app().request('/who')).json()).toEqual(SOLO_ACTOR);
    expect(await (await app().request('/edit', { method: 'POST' })).json()).toEqual({
      by: 'local',
    });
  });

  it('answers 403 with the role when the actor may not', async () => {
    const viewer: Actor = { id: 'u1', name: 'Vi', role: 'viewer', via: 'session' };
    const res = await app(viewer).request('/edit', { method: 'POST' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'forbidden', message: /viewer/ });
  });
});
