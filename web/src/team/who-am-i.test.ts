import { afterEach, describe, expect, it, vi } from 'vitest';
import { invitationIdOf, whoAmI } from './who-am-i';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Answers by path, like the server would in each mode. */
const serve = (answers: Record<string, Response>) =>
  vi.stubGlobal(
    'fetch',
    vi.fn((path: string) => Promise.resolve(answers[path]?.clone() ?? json(404, {}))),
  );

afterEach(() => vi.unstubAllGlobals());

describe('whoAmI', () => {
  it('goes straight to the editor in solo mode', async () => {
    serve({ '/api/me': json(200, { mode: 'solo', user: { id: 'local' }, team: null }) });
    expect((await whoAmI()).kind).toBe('solo');
  });

  it('tells a team server without a session (sign in) from a solo one behind ATELIER_TOKEN', async () => {
    const unauthorized = json(401, { error: { code: 'unauthorized', message: 'Sign in first' } });
    serve({ '/api/me': unauthorized, '/api/auth/get-session': json(200, null) });
    expect((await whoAmI()).kind).toBe('signed-out');
    serve({ '/api/me': unauthorized, '/api/auth/get-session': unauthorized });
    expect((await whoAmI()).kind).toBe('solo');
  });

  it('knows a member from a signed-in account that is in no team yet', async () => {
    const user = { id: 'u1', name: 'Ed', email: 'ed@studio.test' };
    serve({
      '/api/me': json(200, {
        mode: 'accounts',
        user: { ...user, role: 'editor' },
        team: { id: 't', name: 'Studio' },
      }),
    });
    expect((await whoAmI()).kind).toBe('member');
    serve({
      '/api/me': json(200, { mode: 'accounts', user: { ...user, role: null }, team: null }),
    });
    expect((await whoAmI()).kind).toBe('outsider');
  });
});

describe('invitationIdOf', () => {
  it('reads the id of an invitation link, and nothing else', () => {
    expect(invitationIdOf('/invite/9f1c-22')).toBe('9f1c-22');
    expect(invitationIdOf('/invite/9f1c-22/')).toBe('9f1c-22');
    expect(invitationIdOf('/')).toBeUndefined();
    expect(invitationIdOf('/s/abc')).toBeUndefined();
  });
});
