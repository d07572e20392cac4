import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/create-db';
import { BlobStore, UnsupportedImageError, blobIdOf } from './blob-store';

let db: Db;
let store: BlobStore;
beforeEach(() => {
  db = createDb(':memory:');
  store = new BlobStore(db);
});
afterEach(() => db.close());

const webp = () =>
  sharp({ create: { width: 30, height: 20, channels: 3, background: '#00ff00' } })
    .webp()
    .toBuffer();

describe('BlobStore', () => {
  it('stores an image under the SHA-256 of its bytes with its sniffed type', async () => {
    const bytes = await webp();
    const stored = await store.put(bytes);
    expect(stored).toEqual({ blob: blobIdOf(bytes), mime: 'image/webp', width: 30, height: 20 });
    expect(Buffer.from(await store.get(stored.blob)).equals(bytes)).toBe(true);
    expect(store.info(stored.blob)).toMatchObject({ bytes: bytes.length, mime: 'image/webp' });
  });

  it('stores the same bytes once', async () => {
    const bytes = await webp();
    await store.put(bytes);
    await store.put(new Uint8Array(bytes));
    const count = db.sqlite.prepare('select count(*) as n from blobs').get() as { n: number };
    expect(count.n).toBe(1);
  });

  it('refuses bytes that are not an image and stores nothing', async () => {
    await expect(store.put(new TextEncoder().encode('hello'))).rejects.toBeInstanceOf(
      UnsupportedImageError,
    );
    const count = db.sqlite.prepare('select count(*) as n from blobs').get() as { n: number };
    expect(count.n).toBe(0);
  });

  it('says which blob is missing', async () => {
    expect(store.info('0'.repeat(64))).toBeUndefined();
    await expect(store.get('0'.repeat(64))).rejects.toMatchObject({ code: 'blob_not_found' });
  });
});
