import { z } from 'zod';
import { BLOB_ID_PATTERN, IMAGE_MIMES } from './ports';
import type { BlobId, ImageValue, MaskValue, Source } from './ports';

const blobId = z
  .string()
  .regex(BLOB_ID_PATTERN, 'a blob id (64 lowercase hex characters)')
  .transform((value) => value as BlobId);

/** The longest image side a document may name; uploads over it are refused (HTTP 422). */
export const MAX_IMAGE_SIDE = 16384;

/**
 * The most pixels an uploaded image may have (a 50-megapixel photo, e.g. 8660x5773): a few
 * hundred kilobytes of PNG can claim 16384x16384, a gigabyte to decode.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** The API takes masks of less than 4 MB (server runs, the CLI and the editor check this one). */
export const MAX_MASK_BYTES = 4 * 1024 * 1024;

/** Why a mask of this many bytes cannot be sent, in words a person can act on; else undefined. */
export const maskSizeProblem = (bytes: number): string | undefined =>
  bytes >= MAX_MASK_BYTES
    ? `is ${(bytes / 1024 / 1024).toFixed(1)} MB; the API takes masks of less than 4 MB (a mask needs only alpha 0 or 255, which compresses well)`
    : undefined;

const dimension = z.number().int().positive().max(MAX_IMAGE_SIDE);

/** Zod schema of an ImageValue (a field value or a named input value). */
export const imageValueSchema: z.ZodType<ImageValue> = z.object({
  blob: blobId,
  mime: z.enum(IMAGE_MIMES),
  width: dimension,
  height: dimension,
  provider: z.string().optional(),
  responseId: z.string().optional(),
  callId: z.string().optional(),
});

/** Zod schema of a MaskValue: always a PNG. */
export const maskValueSchema: z.ZodType<MaskValue> = z.object({
  blob: blobId,
  mime: z.literal('image/png', { error: 'a PNG mask ("image/png")' }),
  width: dimension,
  height: dimension,
});

export const sourceSchema: z.ZodType<Source> = z.object({ url: z.string(), title: z.string() });
