import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './test-app';
import { createTestApp, pngBytes } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const upload = (app: TestApp, body: RequestInit['body'], headers: Record<string, string> = {}) =>
  app.app.request('/api/blobs', { method: 'POST', body, headers });

describe('POST /api/blobs', () => {
  it('stores a PNG once and answers its id, type, size and byte count', async () => {
    const bytes = await pngBytes(40, 30);
    const first = await upload(t, bytes);
    expect(first.status).toBe(201);
    const body = (await first.json()) as Record<string, unknown>;
    expect(body).toEqual({
      blob: expect.stringMatching(/^[0-9a-f]{64}$/),
      mime: 'image/png',
      width: 40,
      height: 30,
      bytes: bytes.length,
    });
    const again = await upload(t, bytes, { 'content-type': 'application/octet-stream' });
    expect(((await again.json()) as { blob: string }).blob).toBe(body.blob);
    const count = t.deps.db.sqlite.prepare('select count(*) as n from blobs').get() as {
      n: number;
    };
    expect(count.n).toBe(1);
  });

  it('reads the type from the bytes, not the Content-Type header', async () => {
    const jpeg = await sharp({
      create: { width: 20, height: 10, channels: 3, background: '#08f' },
    })
      .jpeg()
      .toBuffer();
    const webp = await sharp({
      create: { width: 12, height: 8, channels: 3, background: '#0f8' },
    })
      .webp()
      .toBuffer();
    const asJpeg = await upload(t, new Uint8Array(jpeg), { 'content-type': 'image/png' });
    expect(await asJpeg.json()).toMatchObject({ mime: 'image/jpeg', width: 20, height: 10 });
    const asWebp = await upload(t, new Uint8Array(webp));
    expect(await asWebp.json()).toMatchObject({ mime: 'image/webp', width: 12, height: 8 });
  });

  it('refuses bytes that are not a PNG, WebP or JPEG with 415', async () => {
    const res = await upload(t, 'GIF89a not really', { 'content-type': 'image/gif' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'unsupported_media_type',
    );
  });

  const blobCount = () =>
    (t.deps.db.sqlite.prepare('select count(*) as n from blobs').get() as { n: number }).n;

  it('refuses a cut-off or corrupt image with 422 invalid_image, storing nothing', async () => {
    const png = await pngBytes(1024, 1024);
    const jpeg = await sharp({
      create: { width: 300, height: 200, channels: 3, background: '#08f' },
    })
      .jpeg()
      .toBuffer();
    const corrupt = new Uint8Array(png);
    for (let i = 60; i < png.length - 20; i += 7) corrupt[i]! ^= 0x5a;
    const before = blobCount();
    for (const [bytes, kind] of [
      [png.subarray(0, 100), 'PNG'], // its header still says 1024x1024
      [new Uint8Array(jpeg.subarray(0, jpeg.length >> 1)), 'JPEG'],
      [corrupt, 'PNG'],
    ] as const) {
      const res = await upload(t, bytes);
      expect(res.status).toBe(422);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('invalid_image');
      expect(error.message).toContain(`The ${kind} (${bytes.length} bytes) cannot be decoded`);
      expect(error.message).toContain('Upload the complete file again');
    }
    expect(blobCount()).toBe(before);
  });

  it('refuses an image with a side over 16384 pixels with 422 image_too_large', async () => {
    // 45 bytes of PNG header claiming 100000x100000: refused from the header, nothing decoded.
    const header = new Uint8Array((await pngBytes(8, 8)).subarray(0, 45));
    const view = new DataView(header.buffer);
    view.setUint32(16, 100_000);
    view.setUint32(20, 100_000);
    const wide = new Uint8Array(
      await sharp({ create: { width: 16385, height: 1, channels: 3, background: '#000' } })
        .png()
        .toBuffer(),
    );
    for (const [bytes, size] of [
      [header, '100000x100000'],
      [wide, '16385x1'],
    ] as const) {
      const res = await upload(t, bytes);
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({
        error: {
          code: 'image_too_large',
          message: `The PNG is ${size}; images may be at most 16384 pixels on a side. Scale it down and upload it again.`,
        },
      });
    }
    // The limit itself is accepted.
    const widest = await sharp({
      create: { width: 16384, height: 1, channels: 3, background: '#000' },
    })
      .png()
      .toBuffer();
    const res = await upload(t, new Uint8Array(widest));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ width: 16384, height: 1 });
  });

  it('refuses an empty body with 400', async () => {
    const res = await upload(t, new Uint8Array(0));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('empty_body');
  });

  it('refuses a body over the configured limit with 413, streamed or not', async () => {
    const small = await createTestApp({ maxUploadBytes: 1000 });
    const big = await pngBytes(200, 200);
    expect(big.length).toBeGreaterThan(1000);
    const res = await upload(small, big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
    // No Content-Length: the bytes are counted as they stream in.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(big.subarray(0, 800));
        controller.enqueue(big.subarray(800));
        controller.close();
      },
    });
    const streamed = await small.app.request('/api/blobs', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    await small.close();
  });

  it('refuses a Content-Length over 50 MB before reading the body', async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const res = await t.app.request('/api/blobs', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'content-length': String(50 * 1024 * 1024 + 1) },
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('50 MB');
    expect(pulls).toBeLessThanOrEqual(1); // the stream's own first pull; nothing was consumed
  });
});

describe('GET /api/blobs/:blob', () => {
  it('serves the bytes with their type, an ETag and an immutable cache policy', async () => {
    const bytes = await pngBytes(16, 16);
    const { blob } = (await (await upload(t, bytes)).json()) as { blob: string };
    const res = await t.app.request(`/api/blobs/${blob}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('etag')).toBe(`"${blob}"`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    const cached = await t.app.request(`/api/blobs/${blob}`, {
      headers: { 'if-none-match': `"${blob}"` },
    });
    expect(cached.status).toBe(304);
  });

  it('answers 400 invalid_blob_id for a malformed id and 404 for an unknown one', async () => {
    for (const bad of ['abc', 'A'.repeat(64), `${'0'.repeat(63)}g`, '../etc/passwd']) {
      const res = await t.app.request(`/api/blobs/${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'invalid_blob_id',
      );
    }
    const missing = await t.app.request(`/api/blobs/${'0'.repeat(64)}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(
      'blob_not_found',
    );
  });
});
