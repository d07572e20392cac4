import { MAX_IMAGE_SIDE } from '@atelier/graph';
import sharp from 'sharp';
import type { SniffedImage } from './sniff';
import { sniffImage } from './sniff';

/** Why bytes cannot be stored as an image; the HTTP status each code answers with. */
export const IMAGE_PROBLEMS = {
  /** Not a PNG, WebP or JPEG at all. */
  unsupported_media_type: 415,
  /** Starts like one, but does not decode (truncated or corrupt). */
  invalid_image: 422,
  /** A side longer than a workflow document accepts (MAX_IMAGE_SIDE). */
  image_too_large: 422,
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

/**
 * Checks that bytes are a whole PNG, WebP or JPEG a workflow can use: type and size from
 * the header, then a full decode (the header alone passes for a cut-off upload). The size
 * is checked first, so an absurd header is refused without decoding anything.
 */
export const checkImage = async (bytes: Uint8Array): Promise<SniffedImage> => {
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
  try {
    // stats() reads every pixel; 'truncated' refuses a cut-off file but not a harmless warning.
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_SIDE ** 2 }).stats();
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new ImageCheckError(
      'invalid_image',
      `The ${kind} (${bytes.length} bytes) cannot be decoded: it is truncated or corrupt (${reason}). Upload the complete file again, or re-export it from an image editor.`,
    );
  }
  return sniffed;
};
