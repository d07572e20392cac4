import type { BlobId } from '@atelier/graph';
import type { BlobAccess, StoredImage } from '../context';
import { readPngInfo } from '../png';

const hex = (bytes: ArrayBuffer): string =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** A Map-backed, content-addressed BlobAccess for tests; like the server's, it takes images only. */
export class MemoryBlobs implements BlobAccess {
  readonly bytes = new Map<string, Uint8Array>();

  async get(blob: BlobId): Promise<Uint8Array> {
    const bytes = this.bytes.get(blob);
    if (!bytes) throw new Error(`No blob ${blob}`);
    return bytes;
  }

  async put(bytes: Uint8Array): Promise<StoredImage> {
    const info = readPngInfo(bytes);
    if (!info) throw new Error('Only PNG images in this test store');
    const blob = hex(
      await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>),
    ) as BlobId;
    this.bytes.set(blob, bytes);
    return { blob, mime: 'image/png', width: info.width, height: info.height };
  }
}
