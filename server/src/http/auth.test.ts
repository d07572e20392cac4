import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenMatches } from './auth';
import { exposureProblem, isLoopbackHost } from './security';
import type { TestApp } from './test-app';
import { createTestApp, json, posterWorkflow } from './test-app';

const TOKEN = 's3cret-token-value';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ token: TOKEN });
});
afterAll(() => t.close());

const bearer = { authorization: `Bearer ${TOKEN}` };

describe('with ATELIER_TOKEN set', () => {
  it('refuses /api calls without the token with 401 unauthorized', async () => {
    for (const [path, init] of [
      ['/api/health', {}],
      ['/api/workflows', json(posterWorkflow())],
      ['/api/blobs/' + '0'.repeat(64), {}],
    ] as const) {
      const res = await t.app.request(path, init);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });

  it('refuses a wrong token, even one of the same length', async () => {
    const wrong = TOKEN.replace('s', 'S');
    const res = await t.app.request('/api/health', {
      headers: { authorization: `Bearer ${wrong}` },
    });
    expect(res.status).toBe(401);
  });

  it('accepts Authorization: Bearer <token>', async () => {
    const res = await t.app.request('/api/health', { headers: bearer });
    expect(res.status).toBe(200);
  });

  it('accepts the cookie on GET only', async () => {
    const cookie = { cookie: `atelier_token=${TOKEN}` };
    expect((await t.app.request('/api/health', { headers: cookie })).status).toBe(200);
    const post = await t.app.request('/api/workflows', {
      ...json(posterWorkflow()),
      headers: { ...cookie, 'content-type': 'application/json' },
    });
    expect(post.status).toBe(401);
  });

  it('accepts ?token= on the events route only', async () => {
    const created = await t.app.request('/api/runs', {
      ...json({ workflow: posterWorkflow(), target: 'p1' }),
      headers: { ...bearer, 'content-type': 'application/json' },
    });
    const { id } = (await created.json()) as { id: string };
    const events = await t.app.request(`/api/runs/${id}/events?token=${TOKEN}`);
    expect(events.status).toBe(200);
    await events.text();
    expect((await t.app.request(`/api/runs/${id}?token=${TOKEN}`)).status).toBe(401);
  });

  it('leaves the editor page open (it holds no data)', async () => {
    expect((await t.app.request('/')).status).toBe(200);
  });
});

describe('tokenMatches', () => {
  it('compares tokens of any length without throwing', () => {
    expect(tokenMatches('a', 'a')).toBe(true);
    expect(tokenMatches('a', 'ab')).toBe(false);
    expect(tokenMatches('', 'ab')).toBe(false);
  });
});

describe('binding beyond loopback', () => {
  it('treats 127.x, ::1 and localhost as loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com'])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('needs a token off loopback and says how to fix it', () => {
    expect(exposureProblem('127.0.0.1', undefined)).toBeUndefined();
    expect(exposureProblem('0.0.0.0', 'tok')).toBeUndefined();
    expect(exposureProblem('0.0.0.0', undefined)).toMatch(/ATELIER_TOKEN/);
  });
});

describe('requests from other web sites', () => {
  it('refuses a cross-origin POST, accepts a same-origin one and one without Origin', async () => {
    const open = await createTestApp();
    const cross = await open.app.request('/api/runs', {
      ...json({ workflow: posterWorkflow(), target: 'p1' }),
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
    });
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as { error: { code: string } }).error.code).toBe(
      'forbidden_origin',
    );
    const fetchSite = await open.app.request('/api/workflows', {
      ...json(posterWorkflow()),
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(fetchSite.status).toBe(403);
    const same = await open.app.request('/api/workflows', {
      ...json(posterWorkflow()),
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
    });
    expect(same.status).toBe(201);
    const curl = await open.app.request('/api/workflows', json(posterWorkflow()));
    expect(curl.status).toBe(201);
    await open.close();
  });

  it('answers only loopback host names without a token (DNS rebinding)', async () => {
    const open = await createTestApp();
    const rebound = await open.app.request('http://evil.example:8787/api/health');
    expect(rebound.status).toBe(403);
    expect(((await rebound.json()) as { error: { code: string } }).error.code).toBe(
      'forbidden_host',
    );
    expect((await open.app.request('http://127.0.0.1:8787/api/health')).status).toBe(200);
    // With a token, other names are fine (the token is the protection).
    expect((await t.app.request('http://atelier.lan/api/health', { headers: bearer })).status).toBe(
      200,
    );
    await open.close();
  });
});
