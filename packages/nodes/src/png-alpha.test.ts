import { describe, expect, it } from 'vitest';
import { countTransparent } from './png-alpha';
import { encodePng, type Rgba } from './testing/png';

/** A 37×23 mask whose left 10 columns are transparent, with varied colours elsewhere. */
const banded = (x: number, y: number): Rgba =>
  x < 10 ? [0, 0, 0, 0] : [(x * 7) & 255, (y * 11) & 255, (x * y) & 255, 128 + ((x + y) % 128)];

describe('countTransparent', () => {
  it.each([0, 1, 2, 3, 4, 'cycle'] as const)(
    'counts the alpha-0 pixels of an RGBA PNG written with filter %s',
    async (filter) => {
      const png = encodePng(37, 23, banded, { filter });
      expect(await countTransparent(png)).toEqual({ transparent: 10 * 23, total: 37 * 23 });
    },
  );

  it('reads 16-bit samples, where only a zero in both alpha bytes is transparent', async () => {
    const png = encodePng(37, 23, banded, { filter: 'cycle', depth16: true });
    expect(await countTransparent(png)).toEqual({ transparent: 10 * 23, total: 37 * 23 });
  });

  it('counts none in an opaque mask and all in a clear one', async () => {
    expect(await countTransparent(encodePng(8, 8))).toEqual({ transparent: 0, total: 64 });
    const clear = encodePng(8, 8, () => [255, 255, 255, 0], { filter: 'cycle' });
    expect(await countTransparent(clear)).toEqual({ transparent: 64, total: 64 });
  });

  it('does not judge what it cannot read: no alpha channel, or corrupt image data', async () => {
    expect(await countTransparent(encodePng(4, 4, undefined, { alpha: false }))).toBeUndefined();
    const corrupt = encodePng(4, 4);
    corrupt.fill(0x55, 41, corrupt.length - 12); // inside the IDAT chunk's zlib stream
    expect(await countTransparent(corrupt)).toBeUndefined();
    expect(await countTransparent(new Uint8Array(10))).toBeUndefined();
  });
});
