import type { BlobId } from '@atelier/graph';
import type { BlobAccess, StoredImage } from '@atelier/nodes';
import { NodeError, readPngInfo } from '@atelier/nodes';
import { eq, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Db } from '../db/create-db';
import { blobs } from '../db/schema';
import { checkImage } from './check-image';
import type { SniffedImage } from './sniff';
import { sniffImage } from './sniff';

export interface BlobInfo extends StoredImage {
  /** Size in bytes. */
  bytes: number;
  createdAt: number;
}

/** Bytes that are not a PNG, WebP or JPEG image. */
export class UnsupportedImageError extends Error {
  override readonly name = 'UnsupportedImageError';
  readonly code = 'unsupported_media_type';
  constructor() {
    super('The bytes are not a PNG, WebP or JPEG image (the type is read from the content).');
  }
}

export const blobIdOf = (bytes: Uint8Array): BlobId =>
  createHash('sha256').update(bytes).digest('hex') as BlobId;

/**
 * Content-addressed image store in SQLite (implements the nodes' BlobAccess). The id is
 * the SHA-256 of the bytes, so storing the same image twice keeps one row.
 */
export class BlobStore implements BlobAccess {
  private readonly selectData;
  private readonly selectInfo;

  constructor(private readonly db: Db) {
    this.selectData = db.orm
      .select({ data: blobs.data })
      .from(blobs)
      .where(eq(blobs.id, sql.placeholder('id')))
      .prepare();
    this.selectInfo = db.orm
      .select({
        id: blobs.id,
        mime: blobs.mime,
        width: blobs.width,
        height: blobs.height,
        bytes: blobs.bytes,
        createdAt: blobs.createdAt,
      })
      .from(blobs)
      .where(eq(blobs.id, sql.placeholder('id')))
      .prepare();
  }

  /** Stores an image (type and size sniffed from the bytes); throws UnsupportedImageError. */
  async put(bytes: Uint8Array): Promise<StoredImage> {
    return this.putSync(bytes);
  }

  /**
   * Stores an image from outside (an upload, a file) after decoding it in full; throws
   * ImageCheckError for bytes a workflow could not use. Images the API produced skip this.
   */
  async putUpload(bytes: Uint8Array, options: { transfer?: boolean } = {}): Promise<StoredImage> {
    // Decoded, hashed and (for a database file) stored by a worker thread, off the event loop.
    const onFile = this.db.path !== ':memory:' && !this.db.path.startsWith('file:');
    const { blob, stored, ...sniffed } = await checkImage(bytes, {
      dbPath: onFile ? this.db.path : undefined,
      transfer: onFile && options.transfer,
    });
    return stored ? { blob, ...sniffed } : this.insert(bytes, blob, sniffed);
  }

  putSync(bytes: Uint8Array): StoredImage {
    const sniffed = sniffImage(bytes);
    if (!sniffed) throw new UnsupportedImageError();
    return this.insert(bytes, blobIdOf(bytes), sniffed);
  }

  private insert(bytes: Uint8Array, id: BlobId, sniffed: SniffedImage): StoredImage {
    this.db.orm
      .insert(blobs)
      .values({
        id,
        mime: sniffed.mime,
        width: sniffed.width,
        height: sniffed.height,
        bytes: bytes.length,
        data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        createdAt: Date.now(),
      })
      .onConflictDoNothing()
      .run();
    return { blob: id, ...sniffed };
  }

  /** The bytes; a missing blob is a NodeError a node run reports as such. */
  async get(blob: BlobId | string): Promise<Uint8Array> {
    const row = this.selectData.get({ id: blob });
    if (!row)
      throw new NodeError(
        'blob_not_found',
        `Image ${blob} is not in this database (was it uploaded to another server?). Upload it again.`,
      );
    return new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
  }

  /** Type, size and byte count, or undefined when there is no such blob. */
  info(blob: BlobId | string): BlobInfo | undefined {
    const row = this.selectInfo.get({ id: blob });
    if (!row) return undefined;
    return {
      blob: row.id as BlobId,
      mime: row.mime as StoredImage['mime'],
      width: row.width,
      height: row.height,
      bytes: row.bytes,
      createdAt: row.createdAt,
    };
  }

  /** Whether a stored PNG can hold transparency, from its header; undefined when not a PNG. */
  pngHasAlpha(blob: string): boolean | undefined {
    const row = this.selectData.get({ id: blob });
    return row ? readPngInfo(row.data)?.hasAlpha : undefined;
  }

  has(blob: string): boolean {
    return this.selectInfo.get({ id: blob }) !== undefined;
  }
}
