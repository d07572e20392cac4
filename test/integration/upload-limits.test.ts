/**
 * Uploads over real HTTP into a real SQLite file: decompression bombs are refused from their
 * header while other uploads go on, and what is accepted is decoded, hashed and stored by a
 * worker thread (server/src/blobs/check-pool.ts).
 */
import { createFakeOpenAI, type FakeOpenAI } from '@atelier/fake-openai';
import { MAX_IMAGE_PIXELS } from '@atelier/graph';
import sharp from 'sharp';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessServer } from './server-helpers';
import { startInProcess } from './server-helpers';

const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A valid greyscale PNG of zeros: a few hundred KB that decode to width x height bytes. */
const zeroPng = (width: number, height: number): Buffer => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height); // filter byte 0 + zeros, every row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

let fake: FakeOpenAI;
let server: InProcessServer;
beforeAll(async () => {
  fake = await createFakeOpenAI();
  server = await startInProcess(fake, { maxUploadBytes: 2 * 1024 * 1024 });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

type Answer = Record<string, unknown> & {
  blob?: string;
  error?: { code: string; message: string };
};

const upload = async (bytes: Uint8Array) => {
  const body = new Uint8Array(bytes); // a copy over a plain ArrayBuffer, as fetch types want
  const res = await fetch(`${server.url}/api/blobs`, { method: 'POST', body });
  return { status: res.status, body: (await res.json()) as Answer };
};

describe('uploads under hostile input', { timeout: 60_000 }, () => {
  it('refuses decompression bombs from their header while a small upload from another client completes', async () => {
    // 12000 x 12000 (144 megapixels) in a ~150 KB file: accepted, it took seconds to decode.
    const bomb = zeroPng(12_000, 12_000);
    expect(12_000 * 12_000).toBeGreaterThan(MAX_IMAGE_PIXELS);
    const small = await sharp({
      create: { width: 32, height: 32, channels: 3, background: '#c84' },
    })
      .png()
      .toBuffer();
    const [b1, b2, b3, b4, ok] = await Promise.all([
      upload(bomb),
      upload(bomb),
      upload(bomb),
      upload(bomb),
      upload(small),
    ]);
    for (const refused of [b1, b2, b3, b4]) {
      expect(refused.status).toBe(422);
      expect(refused.body.error?.code).toBe('image_too_large');
      expect(refused.body.error?.message).toMatch(
        /12000x12000 \(144 megapixels\).*at most 50 megapixels/,
      );
    }
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      mime: 'image/png',
      width: 32,
      height: 32,
      bytes: small.length,
    });
    // Stored by the worker, readable at once, byte for byte.
    const back = await fetch(`${server.url}/api/blobs/${ok.body.blob!}`);
    expect(Buffer.from(await back.arrayBuffer()).equals(small)).toBe(true);
    const count = server.db.sqlite.prepare('select count(*) as n from blobs').get() as {
      n: number;
    };
    expect(count.n).toBe(1);
  });

  it('decodes every upload in full: a cut-off PNG is 422 invalid_image and stores nothing', async () => {
    const whole = zeroPng(2000, 2000);
    const cut = await upload(whole.subarray(0, whole.length - 40));
    expect(cut.status).toBe(422);
    expect(cut.body.error?.code).toBe('invalid_image');
    const row = server.db.sqlite
      .prepare('select count(*) as n from blobs where width = 2000')
      .get();
    expect(row).toEqual({ n: 0 });
    const accepted = await upload(whole);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ width: 2000, height: 2000 });
  });

  it('counts streamed bytes without a Content-Length and refuses past the limit with 413', async () => {
    const part = new Uint8Array(512 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(part);
        else controller.close();
      },
    });
    const res = await fetch(`${server.url}/api/blobs`, {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
  });
});
