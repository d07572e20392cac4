import type { ImageValue } from '@atelier/graph';
import { defineNode } from './define';
import { fieldsOf, maskField } from './fields';
import { readPngInfo } from './png';
import { countTransparent } from './png-alpha';
import { NodeError } from './responses';

const { fields, schema } = fieldsOf({
  mask: maskField({
    label: 'Mask',
    help: 'Paint over the input image, or upload a PNG of the same size. Transparent = change.',
    exposable: true,
    required: true,
  }),
});

/** A PNG mask over its input image: transparent pixels mark the region an edit may change. */
export const maskNode = defineNode({
  type: 'mask',
  // 2: refuses a mask with no transparent pixel (a cached v1 result may have been one).
  version: 2,
  title: 'Mask',
  category: 'input',
  role: 'input',
  view: { width: 270, preview: 'none' },
  description: 'Marks the region of an image that an edit may change (transparent = change).',
  inputs: [{ name: 'image', kind: 'image', label: 'Image' }],
  outputs: [{ name: 'mask', kind: 'mask', label: 'Mask' }],
  fields,
  data: schema,
  callsApi: false,
  run: async ({ data, inputs, blobs, nodeId, log }) => {
    const image = inputs.image as ImageValue | undefined;
    if (!image)
      throw new NodeError(
        'missing_input',
        `Mask node ${nodeId} needs an image connected to its input.`,
      );
    const mask = data.mask;
    if (!mask)
      throw new NodeError('missing_mask', `Mask node ${nodeId} has no mask: paint or upload one.`);
    const size = `${mask.width}x${mask.height}`;
    const imageSize = `${image.width}x${image.height}`;
    if (size !== imageSize)
      throw new NodeError(
        'mask_size_mismatch',
        `The mask is ${size} but its image is ${imageSize}: a mask must have the same size as its image. Repaint or re-upload the mask.`,
      );
    const bytes = await blobs.get(mask.blob);
    const info = readPngInfo(bytes);
    if (!info) throw new NodeError('invalid_mask', 'The mask must be a PNG with an alpha channel.');
    if (`${info.width}x${info.height}` !== imageSize)
      throw new NodeError(
        'mask_size_mismatch',
        `The mask PNG is ${info.width}x${info.height} but its image is ${imageSize}: a mask must have the same size as its image.`,
      );
    if (!info.hasAlpha)
      throw new NodeError(
        'invalid_mask',
        'The mask PNG has no alpha channel: transparent pixels mark the region to change.',
      );
    // An edit through a mask without a transparent pixel may change nothing, yet is paid for.
    const alpha = await countTransparent(bytes);
    if (alpha?.transparent === 0)
      throw new NodeError(
        'empty_mask',
        `The mask of node ${nodeId} marks nothing: no pixel is transparent, so an edit could change nothing. Paint the region to change (transparent = change), or edit without a mask to change the whole image.`,
      );
    if (alpha)
      log(`Mask marks ${((100 * alpha.transparent) / alpha.total).toFixed(1)}% of the image.`);
    return { outputs: { mask } };
  },
});
