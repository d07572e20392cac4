import { createHash } from 'node:crypto';
import type { BlobId } from '@atelier/graph';
import type { BlobAccess, StoredImage } from '@atelier/nodes';

/** Content-addressed bytes in a Map. Toy images: every blob is reported as a 1×1 PNG. */
export class MemoryBlobs implements BlobAccess {
  readonly bytes = new Map<string, Uint8Array>();

  async get(blob: BlobId): Promise<Uint8Array> {
    const bytes = this.bytes.get(blob);
    if (!bytes) throw new Error(`no blob ${blob}`);
    return bytes;
  }

  async put(bytes: Uint8Array): Promise<StoredImage> {
    return this.putSync(bytes);
  }

  putSync(bytes: Uint8Array): StoredImage {
    const blob = createHash('sha256').update(bytes).digest('hex') as BlobId;
    this.bytes.set(blob, bytes);
    return { blob, mime: 'image/png', width: 1, height: 1 };
  }

  /** Stores `text` as bytes: a distinct toy image per text. */
  putText(text: string): StoredImage {
    return this.putSync(new TextEncoder().encode(text));
  }
}
