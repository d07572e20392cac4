/** Test fixtures: a masked-edit recipe whose photo and mask are real PNGs set in node data. */
import type { Workflow } from '@atelier/graph';
import sharp from 'sharp';

/** A plain photo; another `shade` gives other bytes (another blob). */
export const photoBytes = async (size = 256, shade = 0): Promise<Uint8Array> =>
  new Uint8Array(
    await sharp({
      create: {
        width: size,
        height: size,
        channels: 3,
        background: { r: 30, g: 120, b: (200 + shade) % 256 },
      },
    })
      .png()
      .toBuffer(),
  );

/** Opaque left half (kept), transparent right half (changed). */
export const maskBytes = async (size = 256, shift = 0): Promise<Uint8Array> => {
  const raw = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) raw[(y * size + x) * 4 + 3] = x < size / 2 + shift ? 255 : 0;
  return new Uint8Array(
    await sharp(raw, { raw: { width: size, height: size, channels: 4 } })
      .png()
      .toBuffer(),
  );
};

type Stored = { blob: string; mime: string; width: number; height: number };

export const maskedEditWorkflow = (photo: Stored, mask: Stored, outputFormat = 'png') =>
  ({
    format: 'atelier.workflow',
    version: 1,
    name: 'Masked swap',
    nodes: [
      {
        id: 'photo',
        type: 'reference',
        position: { x: 0, y: 0 },
        data: { image: photo },
        view: { title: 'Product photo' },
      },
      { id: 'mask', type: 'mask', position: { x: 300, y: 0 }, data: { mask } },
      {
        id: 'say',
        type: 'prompt',
        position: { x: 0, y: 300 },
        data: { text: 'Make the background a beach' },
      },
      {
        id: 'swap',
        type: 'edit',
        position: { x: 600, y: 0 },
        data: { size: '1024x1024', quality: 'low', output_format: outputFormat },
      },
    ],
    edges: [
      { id: 'e1', source: 'photo', sourceHandle: 'image', target: 'mask', targetHandle: 'image' },
      { id: 'e2', source: 'photo', sourceHandle: 'image', target: 'swap', targetHandle: 'image' },
      { id: 'e3', source: 'mask', sourceHandle: 'mask', target: 'swap', targetHandle: 'mask' },
      {
        id: 'e4',
        source: 'say',
        sourceHandle: 'text',
        target: 'swap',
        targetHandle: 'instruction',
      },
    ],
    inputs: [
      { name: 'photo', node: 'photo', field: 'image', label: 'Photo' },
      { name: 'background', node: 'say', field: 'text', label: 'New background' },
    ],
  }) satisfies Workflow;
