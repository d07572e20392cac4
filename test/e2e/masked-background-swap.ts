import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './harness';

/** The bytes of an image in examples/assets. */
export const asset = (name: string): Buffer =>
  readFileSync(join(REPO_ROOT, 'examples/assets', name));

/**
 * examples/masked-background-swap.json with its photo and mask uploaded by `upload` (which
 * posts the bytes to a server's /api/blobs and answers the image reference): ready to save.
 */
export const maskedBackgroundSwap = async (upload: (bytes: Buffer) => Promise<object>) => {
  const document = JSON.parse(
    readFileSync(join(REPO_ROOT, 'examples/masked-background-swap.json'), 'utf8'),
  ) as { nodes: { id: string; data: Record<string, unknown> }[] };
  document.nodes.find((n) => n.id === 'photo')!.data.image = await upload(asset('product.png'));
  document.nodes.find((n) => n.id === 'mask')!.data.mask = await upload(asset('product-mask.png'));
  return document;
};
