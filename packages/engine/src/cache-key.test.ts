import { describe, expect, it } from 'vitest';
import type { BlobId, ImageValue, PortSpec } from '@atelier/graph';
import { cacheKeyFor, digestValue, type CacheKeyParts } from './cache-key';

const blob = (c: string) => c.repeat(64) as BlobId;
const img = (c: string, extra: Partial<ImageValue> = {}): ImageValue => ({
  blob: blob(c),
  mime: 'image/png',
  width: 1,
  height: 1,
  ...extra,
});
const ports: PortSpec[] = [
  { name: 'prompt', kind: 'text', label: 'Prompt' },
  { name: 'references', kind: 'image', label: 'References', multiple: true },
];
const parts = (overrides: Partial<CacheKeyParts> = {}): CacheKeyParts => ({
  type: 'generate',
  version: 1,
  data: { size: '1024x1024', variant: 0 },
  ports,
  inputs: { prompt: 'a cat', references: [img('a'), img('b')] },
  provider: 'simulator',
  ...overrides,
});

describe('cacheKeyFor', () => {
  it('is a hex SHA-256', () => {
    expect(cacheKeyFor(parts())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the keys that stores already hold (the canonical text is part of the format)', () => {
    // Pinned from the first implementation: a change here orphans every cached output.
    const key = cacheKeyFor({
      type: 'generate',
      version: 1,
      data: { size: '1024x1024', variant: 0, image: img('c', { responseId: 'r' }) },
      ports: [...ports, { name: 'sources', kind: 'sources', label: 'Sources' }],
      inputs: {
        prompt: 'a cat',
        references: [img('a'), img('b')],
        sources: [{ url: 'u', title: 't' }],
      },
      provider: 'simulator',
    });
    expect(key).toBe('7846ff1d5d8fd4ee1be39a9c56a15c76259a7cf2879e179b99b4bacbfb5b7fe9');
  });

  it('names the path of a value that JSON cannot represent', () => {
    expect(() => cacheKeyFor(parts({ data: { size: Number.NaN } }))).toThrow('$.data.size is NaN');
  });

  it('does not depend on key order in data', () => {
    expect(cacheKeyFor(parts({ data: { variant: 0, size: '1024x1024' } }))).toBe(
      cacheKeyFor(parts()),
    );
  });

  it.each<[string, Partial<CacheKeyParts>]>([
    ['type', { type: 'edit' }],
    ['definition version', { version: 2 }],
    ['data', { data: { size: '1024x1024', variant: 1 } }],
    ['provider', { provider: 'openai:https://api.openai.com/v1' }],
    ['input text', { inputs: { prompt: 'a dog', references: [img('a'), img('b')] } }],
    [
      'order of a multiple input',
      { inputs: { prompt: 'a cat', references: [img('b'), img('a')] } },
    ],
  ])('changes with the %s', (_, overrides) => {
    expect(cacheKeyFor(parts(overrides))).not.toBe(cacheKeyFor(parts()));
  });

  it('digests images by blob, not provenance', () => {
    const relabelled = parts({
      inputs: {
        prompt: 'a cat',
        references: [img('a', { responseId: 'resp_1', callId: 'ig_1', provider: 'x' }), img('b')],
      },
    });
    expect(cacheKeyFor(relabelled)).toBe(cacheKeyFor(parts()));
  });

  it('digests image values inside data by blob', () => {
    const a = parts({
      data: { image: { blob: blob('c'), mime: 'image/png', width: 1, height: 1 } },
    });
    const b = parts({
      data: { image: { blob: blob('c'), mime: 'image/png', width: 1, height: 1, responseId: 'r' } },
    });
    expect(cacheKeyFor(a)).toBe(cacheKeyFor(b));
  });

  it('distinguishes an unconnected input from an empty text', () => {
    expect(cacheKeyFor(parts({ inputs: { prompt: '' } }))).not.toBe(
      cacheKeyFor(parts({ inputs: {} })),
    );
  });
});

describe('digestValue', () => {
  it('names the kind of value it digests', () => {
    expect(digestValue({ kind: 'image' }, img('a'))).toBe(`image:${blob('a')}`);
    expect(digestValue({ kind: 'mask' }, img('a'))).toBe(`mask:${blob('a')}`);
    expect(digestValue({ kind: 'text' }, 'x')).toEqual({ text: 'x' });
    expect(digestValue({ kind: 'sources' }, [{ url: 'u', title: 't' }])).toEqual({
      sources: [{ url: 'u', title: 't' }],
    });
  });
});
