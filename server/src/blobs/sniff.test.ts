import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffImage } from './sniff';

const image = (format: 'png' | 'webp' | 'jpeg', options: object = {}) =>
  sharp({ create: { width: 37, height: 21, channels: 4, background: '#3366cc80' } })
    .toFormat(format, options)
    .toBuffer();

describe('sniffImage', () => {
  it('reads the size of a PNG from its header', async () => {
    expect(sniffImage(await image('png'))).toEqual({ mime: 'image/png', width: 37, height: 21 });
  });

  it('reads lossy (VP8), lossless (VP8L) and extended (VP8X) WebP', async () => {
    const variants: [channels: 3 | 4, lossless: boolean, chunk: string][] = [
      [3, false, 'VP8 '],
      [3, true, 'VP8L'],
      [4, false, 'VP8X'],
    ];
    for (const [channels, lossless, chunk] of variants) {
      const bytes = await sharp({
        create: { width: 37, height: 21, channels, background: '#3366cc80' },
      })
        .webp({ lossless })
        .toBuffer();
      expect(bytes.subarray(12, 16).toString()).toBe(chunk);
      expect(sniffImage(bytes)).toEqual({ mime: 'image/webp', width: 37, height: 21 });
    }
  });

  it('finds the frame header of a JPEG past its other segments', async () => {
    const jpeg = await sharp({
      create: { width: 37, height: 21, channels: 3, background: '#808080' },
    })
      .withMetadata({ exif: { IFD0: { Copyright: 'Atelier' } } })
      .jpeg({ progressive: true })
      .toBuffer();
    expect(sniffImage(jpeg)).toEqual({ mime: 'image/jpeg', width: 37, height: 21 });
  });

  it('rejects bytes that are not an image, and truncated headers', async () => {
    expect(sniffImage(new TextEncoder().encode('GIF89a not supported'))).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
    expect(sniffImage((await image('png')).subarray(0, 20))).toBeNull();
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
  });
});
