/**
 * Team mode over real HTTP on a temporary SQLite file: sign-up (first account = owner),
 * invitation by link, sign-in, sign-out, personal API tokens (shown once, hashed at rest,
 * capped by role, revocable), blobs by reference only, the audit log, and sign-in that says
 * the same whether or not the account exists.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { RunningServer } from './start';
import { startServer } from './start';
import { pngBytes, posterWorkflow } from './test-app';

let server: RunningServer;
let dir: string;
const PASSWORD = 'a long enough password';

const call = async (path: string, init: RequestInit & { cookie?: string; token?: string } = {}) => {
  const { cookie, token, ...rest } = init;
  const headers: Record<string, string> = { ...(rest.headers as Record<string, string>) };
  if (typeof rest.body === 'string') headers['content-type'] = 'application/json';
  if (cookie) headers.cookie = cookie;
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(`${server.url}${path}`, { ...rest, headers });
};
const post = (path: string, body: unknown, who: { cookie?: string; token?: string } = {}) =>
  call(path, { method: 'POST', body: JSON.stringify(body), ...who });
const sessionOf = (res: Response) =>
  /better-auth\.session_token=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-team-'));
  server = await startServer({
    config: loadConfig({
      ATELIER_AUTH: 'accounts',
      ATELIER_DATA_DIR: dir,
      ATELIER_PROVIDER: 'simulator',
      PORT: '0',
    }),
    version: 'test',
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('team mode over HTTP', () => {
  let owner: string;
  let editor: string;
  let viewerToken: string;

  it('makes the first account the owner, with an HttpOnly SameSite=Lax session cookie', async () => {
    const res = await post('/api/auth/sign-up/email', {
      email: 'olive@studio.test',
      password: PASSWORD,
      name: 'Olive',
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; https ATELIER_PUBLIC_URL adds it
    owner = sessionOf(res)!;
    const me = (await (await call('/api/me', { cookie: owner })).json()) as {
      user: { role: string };
    };
    expect(me.user.role).toBe('owner');
  });

  it('asks a visitor to sign in, and keeps an uninvited account out of everything but itself', async () => {
    expect((await call('/api/workflows')).status).toBe(401);
    const res = await post('/api/auth/sign-up/email', {
      email: 'stray@elsewhere.test',
      password: PASSWORD,
      name: 'Stray',
    });
    const stray = sessionOf(res)!;
    const list = await call('/api/workflows', { cookie: stray });
    expect(list.status).toBe(403);
    expect(((await list.json()) as { error: { code: string } }).error.code).toBe('not_a_member');
    const me = (await (await call('/api/me', { cookie: stray })).json()) as {
      user: { role: null };
      team: null;
    };
    expect(me.user.role).toBeNull();
    expect(me.team).toBeNull();
  });

  it('lets an invited person join with the role the admin chose, by the copied link', async () => {
    const invited = await post(
      '/api/team/invitations',
      { email: 'eddie@studio.test', role: 'editor' },
      { cookie: owner },
    );
    expect(invited.status).toBe(201);
    const { id, link } = (await invited.json()) as { id: string; link: string };
    expect(link).toBe(`${server.url.replace('127.0.0.1', '127.0.0.1')}/invite/${id}`);
    const signup = await post('/api/auth/sign-up/email', {
      email: 'eddie@studio.test',
      password: PASSWORD,
      name: 'Eddie',
    });
    editor = sessionOf(signup)!;
    // Someone else's session cannot take the invitation.
    const other = sessionOf(
      await post('/api/auth/sign-in/email', { email: 'stray@elsewhere.test', password: PASSWORD }),
    )!;
    expect((await post(`/api/invitations/${id}/accept`, {}, { cookie: other })).status).toBe(403);
    const accepted = await post(`/api/invitations/${id}/accept`, {}, { cookie: editor });
    expect(accepted.status).toBe(200);
    expect((await call('/api/workflows', { cookie: editor })).status).toBe(200);
    // An editor saves; nobody but an admin reads the audit log.
    const saved = await post('/api/workflows', posterWorkflow(), { cookie: editor });
    expect(saved.status).toBe(201);
    expect((await call('/api/audit', { cookie: editor })).status).toBe(403);
  });

  it('shows who invited whom as which role before sign-up, and names the address a mistyped account lacks', async () => {
    const invited = await post(
      '/api/team/invitations',
      { email: 'rita@studio.test', role: 'runner' },
      { cookie: owner },
    );
    const { id } = (await invited.json()) as { id: string };
    // No session yet: the link itself opens the preview.
    const preview = await call(`/api/invitations/${id}/preview`);
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({
      email: 'rita@studio.test',
      role: 'runner',
      invitedBy: 'olive@studio.test',
    });
    const unknown = await call('/api/invitations/no-such-invitation/preview');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
      /ask whoever invited you for a new one/,
    );
    // An account made with a mistyped address is told which address the invitation is for.
    const typo = sessionOf(
      await post('/api/auth/sign-up/email', {
        email: 'rita@studoi.test',
        password: PASSWORD,
        name: 'Rita',
      }),
    )!;
    const refused = await post(`/api/invitations/${id}/accept`, {}, { cookie: typo });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /for rita@studio\.test.*signed in as rita@studoi\.test/,
    );
  });

  it("says what to do when better-auth refuses, not the library's own code", async () => {
    const team = (await (await call('/api/team', { cookie: owner })).json()) as {
      members: { id: string; role: string }[];
    };
    const only = team.members.find((m) => m.role === 'owner')!;
    const res = await call(`/api/team/members/${only.id}`, { method: 'DELETE', cookie: owner });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.message).toBe(
      'The only owner cannot leave the team: make someone else owner first.',
    );
  });

  it('signs out (the old cookie opens nothing) and back in', async () => {
    expect((await post('/api/auth/sign-out', {}, { cookie: editor })).status).toBe(200);
    expect((await call('/api/workflows', { cookie: editor })).status).toBe(401);
    const back = await post('/api/auth/sign-in/email', {
      email: 'eddie@studio.test',
      password: PASSWORD,
    });
    expect(back.status).toBe(200);
    editor = sessionOf(back)!;
    expect((await call('/api/workflows', { cookie: editor })).status).toBe(200);
  });

  it('signs in from the page at the printed address (127.0.0.1), not from another site', async () => {
    // better-auth checks Origin against its base URL (localhost): 127.0.0.1 is trusted too.
    const from = (origin: string) =>
      call('/api/auth/sign-in/email', {
        method: 'POST',
        body: JSON.stringify({ email: 'olive@studio.test', password: PASSWORD }),
        headers: { origin },
      });
    expect((await from(server.url)).status).toBe(200);
    expect((await from('https://evil.example')).status).toBe(403);
  });

  it('answers a wrong password and an unknown account alike', async () => {
    const wrong = await post('/api/auth/sign-in/email', {
      email: 'eddie@studio.test',
      password: 'not the password',
    });
    const unknown = await post('/api/auth/sign-in/email', {
      email: 'nobody@studio.test',
      password: 'not the password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toBe(await unknown.text());
  });

  it('makes personal tokens shown once, hashed at rest, capped by role and revocable', async () => {
    const made = await post('/api/tokens', { name: 'ci', role: 'viewer' }, { cookie: editor });
    expect(made.status).toBe(201);
    const { id, token } = (await made.json()) as { id: string; token: string };
    viewerToken = token;
    expect(token).toMatch(/^atl_/);
    // Only the hash is stored, and the list never shows the token.
    const rows = JSON.stringify(server.db.sqlite.prepare('SELECT * FROM api_tokens').all());
    expect(rows).not.toContain(token);
    expect(
      JSON.stringify(await (await call('/api/tokens', { cookie: editor })).json()),
    ).not.toContain(token);
    // The token acts as its owner, with the token's lower role: it reads, it cannot save.
    expect((await call('/api/workflows', { token })).status).toBe(200);
    const save = await post('/api/workflows', posterWorkflow(), { token });
    expect(save.status).toBe(403);
    // An editor cannot make a token above their role.
    expect(
      (await post('/api/tokens', { name: 'x', role: 'admin' }, { cookie: editor })).status,
    ).toBe(403);
    // Revoked: refused at once.
    const revoked = await call(`/api/tokens/${id}`, { method: 'DELETE', cookie: editor });
    expect(revoked.status).toBe(200);
    expect((await call('/api/workflows', { token })).status).toBe(401);
  });

  it('serves a blob to the team only when something refers to it, or to its uploader', async () => {
    const bytes = await pngBytes(24, 24);
    const up = await call('/api/blobs', { method: 'POST', body: bytes, cookie: editor });
    expect(up.status).toBe(201);
    const { blob } = (await up.json()) as { blob: string };
    expect((await call(`/api/blobs/${blob}`, { cookie: editor })).status).toBe(200);
    // The owner knows the hash, but nothing the team can see refers to it yet.
    expect((await call(`/api/blobs/${blob}`, { cookie: owner })).status).toBe(404);
    const document = posterWorkflow();
    const withImage = {
      ...document,
      nodes: [
        ...document.nodes,
        {
          id: 'ref',
          type: 'reference',
          position: { x: 0, y: 300 },
          data: { image: { blob, mime: 'image/png', width: 24, height: 24 } },
        },
      ],
    };
    expect((await post('/api/workflows', withImage, { cookie: editor })).status).toBe(201);
    const seen = await call(`/api/blobs/${blob}`, { cookie: owner });
    expect(seen.status).toBe(200);
    expect(seen.headers.get('cache-control')).toMatch(/^private/);
    expect((await call(`/api/blobs/${blob}`)).status).toBe(401);
  });

  it('records sign-ins, invitations and tokens in the audit log admins read', async () => {
    expect(viewerToken).toBeTruthy();
    const res = await call('/api/audit', { cookie: owner });
    expect(res.status).toBe(200);
    const { entries } = (await res.json()) as { entries: { action: string; target?: string }[] };
    const actions = entries.map((e) => e.action);
    for (const action of [
      'sign_up',
      'sign_in',
      'sign_in_failed',
      'invitation.created',
      'invitation.accepted',
      'token.created',
      'token.revoked',
    ])
      expect(actions).toContain(action);
  });
});
