import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenMatches } from './auth';
import { AuthThrottle } from './auth-throttle';
import { exposureProblem, isLoopbackHost, MIN_TOKEN_LENGTH } from './security';
import type { TestApp } from './test-app';
import { createTestApp, json, posterWorkflow } from './test-app';

const TOKEN = 's3cret-token-value-0123456789abcdef';
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

describe('throttled guessing', () => {
  const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
  const tryToken = (token: string, address: string) =>
    t.app.request('/api/health', { headers: { authorization: `Bearer ${token}` } }, from(address));

  it('answers 429 with Retry-After once a client has sent 10 wrong tokens, even for the right one', async () => {
    for (let i = 0; i < 10; i++)
      expect((await tryToken(`guess-${i}`, '10.0.0.7')).status).toBe(401);
    const refused = await tryToken('guess-10', '10.0.0.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'too_many_attempts',
    );
    // Refused before comparing: the right token cannot be confirmed by a guesser either.
    expect((await tryToken(TOKEN, '10.0.0.7')).status).toBe(429);
    // Another client is not affected.
    expect((await tryToken(TOKEN, '10.0.0.8')).status).toBe(200);
  });

  it('does not count requests that carry no token at all', async () => {
    for (let i = 0; i < 12; i++)
      expect((await t.app.request('/api/health', {}, from('10.0.0.9'))).status).toBe(401);
    expect((await tryToken(TOKEN, '10.0.0.9')).status).toBe(200);
  });

  it('forgives failures over time (10 a minute) and forgets the oldest clients first', () => {
    let now = 0;
    const throttle = new AuthThrottle({ burst: 3, perMinute: 6, maxClients: 2, now: () => now });
    for (let i = 0; i < 3; i++) throttle.fail('a');
    expect(throttle.retryAfter('a')).toBe(10);
    now += 10_000;
    expect(throttle.retryAfter('a')).toBe(0);
    throttle.fail('a');
    expect(throttle.retryAfter('a')).toBeGreaterThan(0);
    throttle.fail('b');
    throttle.fail('c');
    expect(throttle.retryAfter('a')).toBe(0); // forgotten: the map stays bounded
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
    const long = 'a'.repeat(MIN_TOKEN_LENGTH);
    expect(exposureProblem('127.0.0.1', undefined)).toBeUndefined();
    expect(exposureProblem('0.0.0.0', long)).toBeUndefined();
    expect(exposureProblem('0.0.0.0', undefined)).toMatch(/ATELIER_TOKEN.*openssl rand -hex 32/);
  });

  it('refuses a token shorter than 32 characters, on any host, and says how to make one', () => {
    for (const host of ['0.0.0.0', '127.0.0.1'])
      expect(exposureProblem(host, 'x')).toMatch(
        /1 characters long.*at least 32.*openssl rand -hex 32/,
      );
    expect(exposureProblem('0.0.0.0', 'a'.repeat(MIN_TOKEN_LENGTH - 1))).toMatch(/at least 32/);
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
