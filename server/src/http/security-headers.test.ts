import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestApp } from './test-app';
import { createTestApp } from './test-app';

let t: TestApp;
const dist = mkdtempSync(join(tmpdir(), 'atelier-dist-'));
beforeAll(async () => {
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Atelier</title>');
  t = await createTestApp({ webDist: dist });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

const expectHardened = (res: Response, what: string) => {
  expect(res.headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
};

describe('security headers', () => {
  it('the editor page may not be framed and loads only its own scripts', async () => {
    for (const path of ['/', '/some/client/route']) {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      expectHardened(res, path);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('every API answer carries them too, errors included', async () => {
    for (const path of ['/api/health', '/api/nothing-here', `/api/blobs/${'0'.repeat(64)}`]) {
      const res = await t.app.request(path);
      expectHardened(res, path);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    const bad = await t.app.request('/api/workflows', { method: 'POST', body: '{' });
    expect(bad.status).toBe(400);
    expectHardened(bad, 'invalid JSON');
  });
});
