import type { Workflow } from '@atelier/graph';
import { diffWorkflows } from '@atelier/graph';
import { describe, expect, it } from 'vitest';
import { insideSummary } from './inside-summary';

const v1: Workflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Poster',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a lighthouse' } },
    { id: 'g1', type: 'generate', position: { x: 300, y: 0 }, data: {} },
  ],
  edges: [{ id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' }],
  inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
  outputs: [{ name: 'hero', node: 'g1', port: 'image' }],
};

describe('insideSummary (REVIEW-2 #9)', () => {
  it('names a renamed output as one change, not "2 changes, 0 nodes"', () => {
    const v2 = { ...v1, outputs: [{ name: 'poster', node: 'g1', port: 'image' }] };
    expect(insideSummary(diffWorkflows(v1, v2))).toBe('output “hero” renamed to “poster”');
  });

  it('lists every kind of change it counts', () => {
    const v2: Workflow = {
      ...v1,
      nodes: [v1.nodes[0]!, { ...v1.nodes[1]!, data: { size: '1024x1024' } }],
      edges: [],
      inputs: [],
    };
    expect(insideSummary(diffWorkflows(v1, v2))).toBe(
      '1 node changed, 1 connection removed, 1 input removed',
    );
  });

  it('says so when nothing but places changed', () => {
    const v2 = { ...v1, nodes: [{ ...v1.nodes[0]!, position: { x: 50, y: 50 } }, v1.nodes[1]!] };
    expect(insideSummary(diffWorkflows(v1, v2))).toBe('no change to its nodes');
  });
});
