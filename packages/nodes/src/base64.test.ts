import { describe, expect, it } from 'vitest';
import { dataUrl, decodeBase64, encodeBase64 } from './base64';

const bytes = (n: number) => Uint8Array.from({ length: n }, (_v, i) => (i * 151 + 7) % 256);

describe('base64', () => {
  it.each([0, 1, 2, 3, 4, 5, 100, 70_000])('encodes %i bytes like btoa', (n) => {
    let binary = '';
    for (const byte of bytes(n)) binary += String.fromCharCode(byte);
    expect(encodeBase64(bytes(n))).toBe(btoa(binary));
  });

  it('matches the standard encoding of a known string', () => {
    expect(encodeBase64(new TextEncoder().encode('Many hands make light work.'))).toBe(
      'TWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsu',
    );
  });

  it.each([0, 1, 2, 3, 4, 5, 100, 70_000])('decodes what it encodes (%i bytes)', (n) => {
    expect(decodeBase64(encodeBase64(bytes(n)))).toEqual(bytes(n));
  });

  it('decodes url-safe base64 without padding', () => {
    expect(decodeBase64('-_8')).toEqual(new Uint8Array([0xfb, 0xff]));
  });

  it('rejects characters outside the alphabet', () => {
    expect(() => decodeBase64('ab$d')).toThrow('Invalid base64 character at position 2');
  });

  it('builds data URLs', () => {
    expect(dataUrl('image/png', new Uint8Array([1, 2, 3]))).toBe('data:image/png;base64,AQID');
  });
});
