import type { Workflow } from '@atelier/graph';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RecipeCanvas } from './RecipeCanvas';

const png = (c: string) => ({ blob: c.repeat(64), mime: 'image/png', width: 8, height: 8 });

const doc: Workflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Masked',
  nodes: [
    { id: 'ref', type: 'reference', position: { x: 0, y: 0 }, data: { image: png('a') } },
    { id: 'm1', type: 'mask', position: { x: 300, y: 0 }, data: { mask: png('b') } },
    {
      id: 'e1',
      type: 'edit',
      position: { x: 600, y: 0 },
      data: {
        instruction: 'at dusk',
        output_format: 'png',
        output_compression: 100,
        variant: 0,
        input_fidelity: 'low',
        quality: 'high',
      },
    },
  ],
  edges: [
    { id: 'x1', source: 'ref', sourceHandle: 'image', target: 'm1', targetHandle: 'image' },
    { id: 'x2', source: 'm1', sourceHandle: 'mask', target: 'e1', targetHandle: 'mask' },
  ],
  inputs: [],
};

afterEach(cleanup);

const show = () =>
  render(
    <div style={{ width: 1200, height: 600 }}>
      <RecipeCanvas document={doc} run={null} blobUrl={(b) => `/blob/${b}`} />
    </div>,
  );

const card = (id: string) =>
  screen.getAllByTestId('share-node').find((c) => c.textContent?.includes(id))!;

describe('the cards of a view link', () => {
  it('names settings by their labels and leaves out defaults the editor folds away', () => {
    show();
    const edit = card('e1');
    const terms = [...edit.querySelectorAll('dt')].map((d) => d.textContent);
    expect(terms).toContain('Quality');
    expect(terms).toContain('Instruction');
    for (const raw of ['output_compression', 'variant', 'input_fidelity', 'output_format'])
      expect(terms).not.toContain(raw);
    expect(terms).not.toContain('Compression');
    expect(terms).not.toContain('Variant');
  });

  it('shows a mask tinted over the image it masks, not the bare mask', () => {
    show();
    const mask = card('m1').querySelector('[data-testid="share-node-image"]')!;
    expect(mask.classList.contains('checker')).toBe(true);
    expect(mask.querySelector('img')!.getAttribute('src')).toBe(`/blob/${'a'.repeat(64)}`);
    const tint = mask.querySelector<HTMLElement>('.mask-tint')!;
    expect(tint.style.maskImage).toContain(`/blob/${'b'.repeat(64)}`);
  });
});
