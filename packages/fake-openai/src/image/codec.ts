import sharp from 'sharp';
import { invalidRequest } from '../errors';
import type { RgbaImage } from './canvas';

export type OutputFormat = 'png' | 'webp' | 'jpeg';

export interface DecodedImage extends RgbaImage {
  hasAlpha: boolean;
}

const DATA_URL = /^data:(image\/[a-z0-9.+-]+);base64,(.*)$/is;

/** The bytes of a base64 data URL; anything else is the API's 400 invalid_image_url. */
function dataUrlBytes(url: string, param: string): Buffer {
  const match = DATA_URL.exec(url);
  if (!match) {
    const remote = /^https?:\/\//i.test(url);
    throw invalidRequest(
      remote
        ? `The fake Responses API cannot download images (no network); send '${param}' as a base64 data URL.`
        : `Invalid image URL in '${param}': expected a base64 data URL such as data:image/png;base64,....`,
      param,
      'invalid_image_url',
    );
  }
  return Buffer.from(match[2]!, 'base64');
}

/** Decodes a data URL (PNG, WebP, JPEG, GIF) into RGBA; anything else is the API's 400. */
export async function decodeDataUrl(url: string, param: string): Promise<DecodedImage> {
  return decodeBytes(dataUrlBytes(url, param), param);
}

/** "Must be a valid PNG file, less than 4MB" (reference §9; OpenAPI `mask`). */
export const MAX_MASK_BYTES = 4 * 1024 * 1024;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The format the bytes' signature shows, for error messages. */
const formatOf = (bytes: Buffer): string =>
  bytes.subarray(0, 8).equals(PNG_SIGNATURE)
    ? 'png'
    : bytes[0] === 0xff && bytes[1] === 0xd8
      ? 'jpeg'
      : bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP'
        ? 'webp'
        : bytes.toString('latin1', 0, 4) === 'GIF8'
          ? 'gif'
          : 'unknown';

/** A mask must be a PNG under 4 MB, whatever the data URL's media type says (the bytes decide). */
export async function decodeMaskDataUrl(url: string, param: string): Promise<DecodedImage> {
  const bytes = dataUrlBytes(url, param);
  const format = formatOf(bytes);
  if (format !== 'png') {
    throw invalidRequest(
      `Invalid mask image format: the mask must be a PNG image with an alpha channel, but '${param}' is ${format === 'unknown' ? 'not a PNG' : `a ${format.toUpperCase()} image`}.`,
      param,
      'invalid_image_format',
    );
  }
  if (bytes.length >= MAX_MASK_BYTES) {
    throw invalidRequest(
      `The mask in '${param}' is too large (${(bytes.length / 1024 / 1024).toFixed(1)} MB): a mask must be a PNG file of less than 4 MB.`,
      param,
      'image_file_too_large',
    );
  }
  return decodeBytes(bytes, param);
}

export async function decodeBytes(bytes: Buffer, param: string): Promise<DecodedImage> {
  try {
    if (bytes.length === 0) throw new Error('empty');
    const image = sharp(bytes, { failOn: 'error' });
    const meta = await image.metadata();
    const { data, info } = await image
      .toColourspace('srgb')
      .ensureAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 4) throw new Error(`unexpected ${info.channels} channels`);
    return {
      width: info.width,
      height: info.height,
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      hasAlpha: meta.hasAlpha === true,
    };
  } catch {
    throw invalidRequest(
      `The image in '${param}' could not be decoded. Supported formats are png, webp, jpeg and gif.`,
      param,
      'invalid_image',
    );
  }
}

/** Encodes RGBA pixels; PNG and WebP at compression 100 are lossless (the real API sends VP8L then). */
export async function encodeImage(
  image: RgbaImage,
  format: OutputFormat,
  compression: number,
  keepAlpha: boolean,
): Promise<Buffer> {
  let pipeline = sharp(
    Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength),
    {
      raw: { width: image.width, height: image.height, channels: 4 },
    },
  );
  if (!keepAlpha || format === 'jpeg') pipeline = pipeline.removeAlpha();
  switch (format) {
    case 'png':
      return pipeline.png({ compressionLevel: 3, adaptiveFiltering: false }).toBuffer();
    case 'webp':
      return (
        compression >= 100
          ? pipeline.webp({ lossless: true, effort: 0 })
          : pipeline.webp({ quality: Math.max(1, compression), effort: 0 })
      ).toBuffer();
    case 'jpeg':
      return pipeline.jpeg({ quality: Math.max(1, compression) }).toBuffer();
  }
}

/** Resizes (cover) to an exact size, for edits asked for a size other than their input's. */
export async function resizeImage(
  image: RgbaImage,
  width: number,
  height: number,
): Promise<RgbaImage> {
  const { data, info } = await sharp(
    Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength),
    {
      raw: { width: image.width, height: image.height, channels: 4 },
    },
  )
    .resize(width, height, { fit: 'cover' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}
