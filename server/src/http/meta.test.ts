import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '@atelier/nodes';
import type { TestApp } from './test-app';
import { createTestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/health', () => {
  it('says the server is up, which provider it uses and its version', async () => {
    const res = await t.app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, provider: 'simulator', version: '0.0.0-test' });
  });
});

describe('GET /api/node-types', () => {
  it('lists every node type with ports and fields but no schemas', async () => {
    const res = await t.app.request('/api/node-types');
    expect(res.status).toBe(200);
    const types = (await res.json()) as Record<string, unknown>[];
    // Every registered type, in registry order; the six of DESIGN.md §4 among them.
    expect(types.map((n) => n.type)).toEqual([...registry.keys()]);
    expect(types.map((n) => n.type)).toEqual(
      expect.arrayContaining(['prompt', 'reference', 'mask', 'web_search', 'generate', 'edit']),
    );
    const generate = types.find((n) => n.type === 'generate')!;
    expect(Object.keys(generate).sort()).toEqual(
      ['category', 'description', 'fields', 'inputs', 'outputs', 'title', 'type', 'version'].sort(),
    );
    expect(generate.inputs).toContainEqual(
      expect.objectContaining({ name: 'prompt', kind: 'text' }),
    );
    expect(generate.fields).toContainEqual(
      expect.objectContaining({ name: 'partial_images', default: 2 }),
    );
  });
});

describe('unknown routes and errors', () => {
  it('answers an unknown /api route with a JSON 404', async () => {
    const res = await t.app.request('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'No route GET /api/no-such-thing.' },
    });
  });

  it('answers a wrong method on a known path with a JSON 404', async () => {
    const res = await t.app.request('/api/health', { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('hides the details of an unexpected failure and logs them', async () => {
    const failing = await createTestApp();
    failing.deps.workflows.list = () => {
      throw new Error('disk on fire at /secret/path');
    };
    const res = await failing.app.request('/api/workflows');
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({
      error: {
        code: 'internal_error',
        message: 'Something went wrong on the server; see its log.',
      },
    });
    expect(text).not.toContain('secret');
    expect(failing.lines.some((line) => line.includes('disk on fire'))).toBe(true);
    await failing.close();
  });

  it('logs one line per request with method, path, status and time', async () => {
    await t.app.request('/api/health?token=hidden');
    expect(t.lines).toContainEqual(expect.stringMatching(/^GET \/api\/health 200 \d+ms$/));
    expect(t.lines.join('\n')).not.toContain('hidden');
  });
});

describe('the editor at /', () => {
  it('explains how to build the editor when web/dist is missing', async () => {
    const app = await createTestApp({ webDist: join(tmpdir(), 'no-such-atelier-dist') });
    for (const path of ['/', '/workflows/abc']) {
      const res = await app.app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('pnpm --filter @atelier/web build');
    }
    await app.close();
  });

  it('serves the built files and falls back to index.html for client routes', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'atelier-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Atelier editor</title>');
    writeFileSync(join(dist, 'app.js'), 'console.log(1)');
    const app = await createTestApp({ webDist: dist });
    const index = await app.app.request('/');
    expect(await index.text()).toContain('Atelier editor');
    const script = await app.app.request('/app.js');
    expect(script.headers.get('content-type')).toContain('javascript');
    const route = await app.app.request('/runs/123');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Atelier editor');
    // A missing file is a 404, never index.html (a browser would run it as a script).
    for (const path of ['/assets/missing.js', '/assets/gone', '/missing.css', '/runs/x/app.js']) {
      const missing = await app.app.request(path);
      expect(missing.status, path).toBe(404);
      expect(await missing.text(), path).not.toContain('Atelier editor');
    }
    const api = await app.app.request('/api/missing');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });
});
