import { describe, expect, it } from 'vitest';
import { readPngInfo } from './png';
import { encodePng } from './testing/png';

describe('readPngInfo', () => {
  it('reads the size of a PNG', () => {
    expect(readPngInfo(encodePng(40, 30))).toMatchObject({ width: 40, height: 30 });
  });

  it('sees an alpha channel in an RGBA PNG', () => {
    expect(readPngInfo(encodePng(2, 2))?.hasAlpha).toBe(true);
  });

  it('sees no alpha channel in an RGB PNG', () => {
    expect(readPngInfo(encodePng(2, 2, undefined, { alpha: false }))?.hasAlpha).toBe(false);
  });

  it('returns undefined for bytes that are not a PNG', () => {
    expect(readPngInfo(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(40).fill(0)]))).toBe(
      undefined,
    );
  });
});
