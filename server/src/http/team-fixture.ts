/** A team-mode test app with one signed-in person per role, for authorization tests. */
import { expect } from 'vitest';
import type { Role } from '../auth/actor';
import type { TestApp } from './test-app';
import { createTestApp } from './test-app';

/** Who asks: a role of the team, someone signed out, or an account in no team. */
export type Identity = Role | 'signed-out' | 'outsider';
export const IDENTITIES: readonly Identity[] = [
  'owner',
  'admin',
  'editor',
  'runner',
  'viewer',
  'signed-out',
  'outsider',
];

export const PASSWORD = 'correct horse battery';

export interface Team {
  t: TestApp;
  /** The session cookie of each signed-in identity (none for signed-out). */
  cookies: Partial<Record<Identity, string>>;
  /** Request headers for an identity (cookie, JSON). */
  headers(who: Identity, extra?: Record<string, string>): Record<string, string>;
  request(who: Identity, path: string, init?: RequestInit): Promise<Response>;
}

const cookieOf = (response: Response): string => {
  const set = response.headers.get('set-cookie') ?? '';
  const cookie = /better-auth\.session_token=[^;]+/.exec(set)?.[0];
  expect(cookie, `no session cookie in ${set}`).toBeTruthy();
  return cookie!;
};

export const signUp = async (t: TestApp, email: string, name: string): Promise<string> => {
  const res = await t.app.request('/api/auth/sign-up/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, name }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return cookieOf(res);
};

/** Owner first (the first account), then one invited person per role, then an outsider. */
export const createTeam = async (options: Parameters<typeof createTestApp>[0] = {}) => {
  const t = await createTestApp({ ...options, accounts: true });
  const cookies: Partial<Record<Identity, string>> = {};
  const headers = (who: Identity, extra: Record<string, string> = {}) => ({
    ...(cookies[who] ? { cookie: cookies[who] } : {}),
    ...extra,
  });
  const request = async (who: Identity, path: string, init: RequestInit = {}) =>
    t.app.request(path, {
      ...init,
      headers: headers(who, (init.headers ?? {}) as Record<string, string>),
    });
  const json = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  cookies.owner = await signUp(t, 'owner@studio.test', 'Olive Owner');
  for (const role of ['admin', 'editor', 'runner', 'viewer'] as const) {
    const email = `${role}@studio.test`;
    const invited = await request('owner', '/api/team/invitations', json({ email, role }));
    expect(invited.status, await invited.clone().text()).toBe(201);
    const { id } = (await invited.json()) as { id: string };
    cookies[role] = await signUp(t, email, `${role[0]!.toUpperCase()}${role.slice(1)}`);
    const accepted = await request(role, `/api/invitations/${id}/accept`, json({}));
    expect(accepted.status, await accepted.clone().text()).toBe(200);
  }
  cookies.outsider = await signUp(t, 'outsider@elsewhere.test', 'Otto Outsider');
  return { t, cookies, headers, request } satisfies Team;
};
