import type { BlobId } from '@atelier/graph';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from '@atelier/graph';
import { decodeInPool } from './check-pool';
import type { SniffedImage } from './sniff';
import { sniffImage } from './sniff';

/** Why bytes cannot be stored as an image; the HTTP status each code answers with. */
export const IMAGE_PROBLEMS = {
  /** Not a PNG, WebP or JPEG at all. */
  unsupported_media_type: 415,
  /** Starts like one, but does not decode (truncated or corrupt). */
  invalid_image: 422,
  /** A side longer than a workflow document accepts (MAX_IMAGE_SIDE), or too many pixels. */
  image_too_large: 422,
  /** Still decoding after DECODE_TIMEOUT_SECONDS: refused rather than holding a thread. */
  image_decode_timeout: 422,
} as const;
export type ImageProblem = keyof typeof IMAGE_PROBLEMS;

export class ImageCheckError extends Error {
  override readonly name = 'ImageCheckError';
  constructor(
    readonly code: ImageProblem,
    message: string,
  ) {
    super(message);
  }
}

const KIND: Record<SniffedImage['mime'], string> = {
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/jpeg': 'JPEG',
};

/** The longest an upload may take to decode (a 50-megapixel PNG takes about half a second). */
export const DECODE_TIMEOUT_SECONDS = 10;

const megapixels = (pixels: number) => `${Math.round(pixels / 100_000) / 10} megapixels`;

/**
 * Checks that bytes are a whole PNG, WebP or JPEG a workflow can use, and names them by their
 * SHA-256. Type, size and pixel count come from the header, so an absurd one (a decompression
 * bomb) is refused at once without decoding anything; then the image is decoded in full (the
 * header alone passes for a cut-off upload) in a worker thread, bounded in time.
 */
export const checkImage = async (
  bytes: Uint8Array,
  options: {
    timeoutSeconds?: number;
    /** Store the image in this database file once it decodes (in the worker). */
    dbPath?: string;
    /** Move the bytes to the worker instead of copying them (`bytes` is empty after). */
    transfer?: boolean;
  } = {},
): Promise<SniffedImage & { blob: BlobId; stored: boolean }> => {
  const sniffed = sniffImage(bytes);
  if (!sniffed)
    throw new ImageCheckError(
      'unsupported_media_type',
      'The body is not a PNG, WebP or JPEG image (the type is read from the bytes, not the headers).',
    );
  const kind = KIND[sniffed.mime];
  if (sniffed.width > MAX_IMAGE_SIDE || sniffed.height > MAX_IMAGE_SIDE)
    throw new ImageCheckError(
      'image_too_large',
      `The ${kind} is ${sniffed.width}x${sniffed.height}; images may be at most ${MAX_IMAGE_SIDE} pixels on a side. Scale it down and upload it again.`,
    );
  const pixels = sniffed.width * sniffed.height;
  if (pixels > MAX_IMAGE_PIXELS)
    throw new ImageCheckError(
      'image_too_large',
      `The ${kind} is ${sniffed.width}x${sniffed.height} (${megapixels(pixels)}); images may have at most ${megapixels(MAX_IMAGE_PIXELS)}. Scale it down and upload it again.`,
    );
  const timeoutSeconds = options.timeoutSeconds ?? DECODE_TIMEOUT_SECONDS;
  const length = bytes.length;
  const decoded = await decodeInPool(
    { bytes, ...sniffed, maxPixels: MAX_IMAGE_PIXELS, timeoutSeconds, dbPath: options.dbPath },
    options.transfer,
  );
  if (!decoded.ok && decoded.problem === 'image_decode_timeout')
    throw new ImageCheckError(
      'image_decode_timeout',
      `The ${kind} (${sniffed.width}x${sniffed.height}, ${length} bytes) took more than ${timeoutSeconds} s to decode and was refused. Re-export it from an image editor (or scale it down) and upload it again.`,
    );
  if (!decoded.ok)
    throw new ImageCheckError(
      'invalid_image',
      `The ${kind} (${length} bytes) cannot be decoded: it is truncated or corrupt (${decoded.reason}). Upload the complete file again, or re-export it from an image editor.`,
    );
  return { ...sniffed, blob: decoded.digest as BlobId, stored: decoded.stored };
};
