/** prepareRun: the checks every run passes through, started by HTTP or by the CLI. */
import type { Workflow } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../blobs/blob-store';
import { createDb, type Db } from '../db/create-db';
import { prepareRun } from './prepare-run';
import { RunValidationError } from './run-record';

let dir: string;
let db: Db;
let blobs: BlobStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-prepare-'));
  db = createDb(join(dir, 'atelier.db'));
  blobs = new BlobStore(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const image = async (width: number, height: number, format: 'png' | 'webp') => {
  const made = sharp({
    create: { width, height, channels: 4, background: { r: 9, g: 9, b: 9, alpha: 0.5 } },
  });
  return blobs.put(new Uint8Array(await (format === 'png' ? made.png() : made.webp()).toBuffer()));
};

/** reference → mask, and a prompt beside them; the reference's image is a named input. */
const doc = (data: { image?: unknown; mask?: unknown }): Workflow => ({
  format: 'atelier.workflow',
  version: 1,
  name: 'prepare',
  nodes: [
    { id: 'r', type: 'reference', position: { x: 0, y: 0 }, data: { image: data.image } },
    { id: 'm', type: 'mask', position: { x: 0, y: 0 }, data: { mask: data.mask } },
    { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'hi' } },
  ],
  edges: [{ id: 'e', source: 'r', sourceHandle: 'image', target: 'm', targetHandle: 'image' }],
  inputs: [{ name: 'photo', node: 'r', field: 'image' }],
});

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof RunValidationError) return error.issues;
    throw error;
  }
  return [];
};

describe('prepareRun', () => {
  it('gives images and masks the type and size of their stored blob', async () => {
    const photo = await image(64, 48, 'webp');
    const mask = await image(64, 48, 'png');
    const { workflow } = prepareRun(
      {
        workflow: doc({
          image: { ...photo, mime: 'image/png', width: 500, height: 500, responseId: 'resp_1' },
          mask: { ...mask, width: 500, height: 500 },
        }),
      },
      registry,
      blobs,
    );
    expect(workflow.nodes[0]!.data.image).toEqual({ ...photo, responseId: 'resp_1' });
    expect(workflow.nodes[1]!.data.mask).toEqual(mask);
  });

  it('resolves a named input the same way (the CLI stores its files before the run)', async () => {
    const photo = await image(64, 48, 'webp');
    const mask = await image(64, 48, 'png');
    const { workflow } = prepareRun(
      {
        workflow: doc({ mask }),
        inputs: { photo: { ...photo, mime: 'image/jpeg', width: 1, height: 1 } },
      },
      registry,
      blobs,
    );
    expect(workflow.nodes[0]!.data.image).toEqual(photo);
  });

  it('names unknown blobs, masks that are not PNGs and empty fields, all at once', async () => {
    const webpMask = await image(8, 8, 'webp');
    const issues = issuesOf(() =>
      prepareRun(
        {
          workflow: doc({
            image: { blob: 'b'.repeat(64), mime: 'image/png', width: 8, height: 8 },
            mask: { ...webpMask, mime: 'image/png' },
          }),
        },
        registry,
        blobs,
      ),
    );
    expect(issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'nodes[0].data.image', code: 'unknown_blob' },
      { path: 'nodes[1].data.mask', code: 'invalid_mask' },
    ]);
    const empty = issuesOf(() => prepareRun({ workflow: doc({}) }, registry, blobs));
    expect(empty).toEqual([
      {
        path: 'nodes[0].data.image',
        code: 'missing_image',
        message: expect.stringContaining('"inputs": {"photo": {"blob"'),
      },
      {
        path: 'nodes[1].data.mask',
        code: 'missing_mask',
        message: expect.stringContaining('upload one (POST /api/blobs) and set it on the node'),
      },
    ]);
  });

  it('refuses a stored mask of 4 MB or more before the run is recorded (the API would refuse it)', async () => {
    const photo = await image(1100, 1000, 'png');
    // Random RGBA noise does not compress: over 4 MB as a PNG.
    const noise = new Uint8Array(1100 * 1000 * 4).map(() => Math.floor(Math.random() * 256));
    const big = await blobs.put(
      new Uint8Array(
        await sharp(noise, { raw: { width: 1100, height: 1000, channels: 4 } })
          .png({ compressionLevel: 0 })
          .toBuffer(),
      ),
    );
    expect(blobs.info(big.blob)!.bytes).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    const issues = issuesOf(() =>
      prepareRun({ workflow: doc({ image: photo, mask: big }) }, registry, blobs),
    );
    expect(issues).toEqual([
      {
        path: 'nodes[1].data.mask',
        code: 'mask_too_large',
        message: expect.stringContaining('the API takes masks of less than 4 MB'),
      },
    ]);
  });

  it('looks only at the nodes a targeted run needs', () => {
    const unknown = { blob: 'c'.repeat(64), mime: 'image/png', width: 8, height: 8 };
    const { nodeIds } = prepareRun(
      { workflow: doc({ image: unknown }), target: 'p' },
      registry,
      blobs,
    );
    expect(nodeIds).toEqual(['p']);
  });
});
