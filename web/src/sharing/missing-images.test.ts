import type { Workflow } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import { describe, expect, it } from 'vitest';
import { imageRefs } from './missing-images';

const image = (blob: string) => ({ blob, mime: 'image/png', width: 8, height: 8 });

describe('imageRefs', () => {
  it('lists the images and masks a document names, by node title', () => {
    const workflow = {
      format: 'atelier.workflow',
      version: 1,
      name: 'x',
      nodes: [
        {
          id: 'photo',
          type: 'reference',
          position: { x: 0, y: 0 },
          data: { image: image('a'.repeat(64)) },
          view: { title: 'Bottle' },
        },
        { id: 'm', type: 'mask', position: { x: 0, y: 0 }, data: { mask: image('b'.repeat(64)) } },
        { id: 'empty', type: 'reference', position: { x: 0, y: 0 }, data: {} },
        { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'hi' } },
      ],
      edges: [],
      inputs: [],
    } as Workflow;
    expect(imageRefs(workflow, registry).map((r) => `${r.title}:${r.field}`)).toEqual([
      'Bottle:image',
      'Mask (m):mask',
    ]);
  });
});
