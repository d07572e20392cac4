import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Recipe } from './recipe';
import { embedRecipe, extractRecipe } from './recipe';

const recipe: Recipe = {
  format: 'atelier.recipe',
  version: 1,
  name: 'Affiche — été',
  document: { format: 'atelier.workflow', version: 1, name: 'Affiche — été', nodes: [] },
  inputs: { subject: 'Un phare au crépuscule' },
  source: {
    sha256: 'a'.repeat(64),
    runId: 'run_1',
    nodeId: 'g1',
    port: 'image',
    workflowId: 'wf_1',
    workflowVersion: 2,
  },
};

const image = (format: 'png' | 'webp', options: { alpha?: boolean; lossless?: boolean } = {}) => {
  const base = sharp({
    create: {
      width: 40,
      height: 24,
      channels: options.alpha ? 4 : 3,
      background: options.alpha ? { r: 10, g: 200, b: 90, alpha: 0.5 } : { r: 10, g: 200, b: 90 },
    },
  });
  const encoded =
    format === 'webp' ? base.webp({ lossless: options.lossless ?? false }) : base.png();
  return encoded.toBuffer().then((b) => new Uint8Array(b));
};

const pixels = async (bytes: Uint8Array) => (await sharp(bytes).raw().toBuffer()).toString('hex');

describe('embedded recipes', () => {
  it('round-trips through a PNG iTXt chunk and leaves the pixels as they were', async () => {
    const png = await image('png');
    const out = embedRecipe(png, recipe);
    expect(Buffer.from(out).includes(Buffer.from('iTXtatelier:recipe'))).toBe(true);
    expect(extractRecipe(out)).toEqual(recipe);
    expect(await pixels(out)).toBe(await pixels(png));
    // Embedding again replaces the recipe rather than adding a second one.
    const twice = embedRecipe(out, { ...recipe, name: 'v2' });
    expect(extractRecipe(twice)?.name).toBe('v2');
    expect(Buffer.from(twice).toString('latin1').split('atelier:recipe').length).toBe(2);
  });

  it.each([
    ['a lossy WebP (VP8)', { lossless: false }],
    ['a lossless WebP with alpha (VP8L)', { lossless: true, alpha: true }],
  ])('round-trips through the XMP of %s, which still decodes', async (_, options) => {
    const webp = await image('webp', options);
    const out = embedRecipe(webp, recipe);
    expect(Buffer.from(out).subarray(12, 16).toString('latin1')).toBe('VP8X');
    expect(extractRecipe(out)).toEqual(recipe);
    const meta = await sharp(out).metadata();
    expect(meta).toMatchObject({ width: 40, height: 24, format: 'webp' });
    expect(meta.xmp).toBeDefined();
    expect(await pixels(out)).toBe(await pixels(webp));
  });

  it('finds nothing in an image without a recipe, or in a JPEG', async () => {
    expect(extractRecipe(await image('png'))).toBeUndefined();
    expect(extractRecipe(await image('webp'))).toBeUndefined();
    const jpeg = new Uint8Array(
      await sharp(await image('png'))
        .jpeg()
        .toBuffer(),
    );
    expect(extractRecipe(jpeg)).toBeUndefined();
    expect(() => embedRecipe(jpeg, recipe)).toThrow(/PNG or a WebP/);
  });
});
