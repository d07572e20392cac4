import type { ImageValue, MaskValue } from '@atelier/graph';
import { describe, expect, it } from 'vitest';
import { maskNode } from './mask';
import { promptNode } from './prompt';
import { referenceNode } from './reference';
import { MemoryBlobs } from './testing/blobs';
import { harness } from './testing/context';
import { encodePng } from './testing/png';

describe('prompt', () => {
  it('outputs its text', async () => {
    const { ctx } = harness(promptNode, { data: { text: 'A cat' } });
    expect(await promptNode.run(ctx)).toEqual({ outputs: { text: 'A cat' } });
  });
});

describe('reference', () => {
  it('outputs its uploaded image', async () => {
    const blobs = new MemoryBlobs();
    const image = await blobs.put(encodePng(4, 4));
    const { ctx } = harness(referenceNode, { blobs, data: { image } });
    expect((await referenceNode.run(ctx)).outputs.image).toEqual(image);
  });

  it('fails with missing_image when nothing was uploaded', async () => {
    const { ctx } = harness(referenceNode);
    await expect(referenceNode.run(ctx)).rejects.toMatchObject({ code: 'missing_image' });
  });
});

describe('mask', () => {
  const setup = async (maskBytes: Uint8Array, imageSize = 16) => {
    const blobs = new MemoryBlobs();
    const image: ImageValue = await blobs.put(encodePng(imageSize, imageSize));
    const mask = (await blobs.put(maskBytes)) as MaskValue;
    return harness(maskNode, { blobs, data: { mask }, inputs: { image } });
  };

  it('outputs its mask when it matches the image', async () => {
    const { ctx } = await setup(encodePng(16, 16, (x) => [0, 0, 0, x < 4 ? 0 : 255]));
    expect((await maskNode.run(ctx)).outputs.mask).toEqual(ctx.data.mask);
  });

  it('refuses a mask that marks nothing, before any edit pays for it', async () => {
    const { ctx } = await setup(encodePng(16, 16, () => [0, 0, 0, 255], { filter: 'cycle' }));
    await expect(maskNode.run(ctx)).rejects.toMatchObject({
      code: 'empty_mask',
      message: expect.stringContaining('no pixel is transparent'),
    });
  });

  it('logs the share of the image it marks', async () => {
    const h = await setup(encodePng(16, 16, (x) => [0, 0, 0, x < 4 ? 0 : 255], { filter: 4 }));
    await maskNode.run(h.ctx);
    expect(h.logs).toEqual(['Mask marks 25.0% of the image.']);
  });

  it('names both sizes when the mask and image differ', async () => {
    const { ctx } = await setup(encodePng(8, 8));
    await expect(maskNode.run(ctx)).rejects.toMatchObject({
      code: 'mask_size_mismatch',
      message: expect.stringContaining('The mask is 8x8 but its image is 16x16'),
    });
  });

  it('refuses a PNG without an alpha channel', async () => {
    const { ctx } = await setup(encodePng(16, 16, undefined, { alpha: false }));
    await expect(maskNode.run(ctx)).rejects.toMatchObject({ code: 'invalid_mask' });
  });

  it('refuses a mask whose stored bytes are not a PNG', async () => {
    const h = await setup(encodePng(16, 16));
    h.blobs.bytes.set(h.ctx.data.mask!.blob, new Uint8Array([0xff, 0xd8, 0xff, 0xe0]));
    await expect(maskNode.run(h.ctx)).rejects.toMatchObject({ code: 'invalid_mask' });
  });

  it('fails with missing_mask when nothing was painted', async () => {
    const blobs = new MemoryBlobs();
    const image = await blobs.put(encodePng(4, 4));
    const { ctx } = harness(maskNode, { blobs, inputs: { image } });
    await expect(maskNode.run(ctx)).rejects.toMatchObject({ code: 'missing_mask' });
  });

  it('rejects a mask value that is not a PNG in its data', () => {
    const parsed = maskNode.data.safeParse({
      mask: { blob: 'a'.repeat(64), mime: 'image/jpeg', width: 4, height: 4 },
    });
    expect(parsed.success ? '' : parsed.error.issues[0]?.message).toBe('a PNG mask ("image/png")');
  });
});
