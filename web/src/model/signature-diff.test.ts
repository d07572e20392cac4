import type { WorkflowSignature } from '@atelier/graph';
import { describe, expect, it } from 'vitest';
import { recipePorts } from './recipe-node';
import {
  diffSignatures,
  edgesDroppedBy,
  isSameSignature,
  upgradedInputValues,
} from './signature-diff';

const v1: WorkflowSignature = {
  inputs: [
    { name: 'subject', kind: 'text', default: 'a cup' },
    { name: 'style', kind: 'text', default: 'flat' },
    { name: 'photo', kind: 'image' },
  ],
  outputs: [
    { name: 'hero', kind: 'image' },
    { name: 'caption', kind: 'text' },
  ],
};
const v2: WorkflowSignature = {
  inputs: [
    { name: 'subject', kind: 'text', default: 'a mug' },
    { name: 'photo', kind: 'mask' },
    { name: 'mood', kind: 'text', default: 'calm' },
  ],
  outputs: [{ name: 'hero', kind: 'image' }],
};

describe('signature diff', () => {
  it('lists inputs and outputs added, removed and changed in kind', () => {
    expect(diffSignatures(v1, v2)).toEqual({
      inputs: {
        added: [{ name: 'mood', kind: 'text' }],
        removed: [{ name: 'style', kind: 'text' }],
        changed: [{ name: 'photo', from: 'image', to: 'mask' }],
      },
      outputs: { added: [], removed: [{ name: 'caption', kind: 'text' }], changed: [] },
    });
  });

  it('finds nothing between a signature and itself', () => {
    expect(isSameSignature(diffSignatures(v1, v1))).toBe(true);
    expect(isSameSignature(diffSignatures(v1, v2))).toBe(false);
  });

  it('drops the edges at removed ports and ports whose kind changed, and keeps the rest', () => {
    const edges = [
      { id: 'a', source: 'p', sourceHandle: 'text', target: 'r', targetHandle: 'subject' },
      { id: 'b', source: 'p', sourceHandle: 'text', target: 'r', targetHandle: 'style' },
      { id: 'c', source: 'i', sourceHandle: 'image', target: 'r', targetHandle: 'photo' },
      { id: 'd', source: 'r', sourceHandle: 'hero', target: 'e', targetHandle: 'image' },
      { id: 'f', source: 'r', sourceHandle: 'caption', target: 'g', targetHandle: 'prompt' },
      { id: 'x', source: 'p', sourceHandle: 'text', target: 'g', targetHandle: 'style' },
    ];
    const dropped = edgesDroppedBy('r', edges, recipePorts(v1), recipePorts(v2));
    expect(dropped.map((e) => e.id)).toEqual(['b', 'c', 'f']);
  });

  it('keeps input values of unchanged inputs and takes the new defaults for the others', () => {
    const values = { subject: 'a teapot', style: 'bold', photo: { blob: 'b1' } };
    expect(upgradedInputValues(values, v1, v2)).toEqual({ subject: 'a teapot', mood: 'calm' });
  });
});
