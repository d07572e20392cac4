import { describe, expect, it } from 'vitest';
import type { NodeType } from '@atelier/nodes';
import { defaultData } from '../model/catalogue';
import { typedNode } from '../model/node-data';
import type { FlowEdge, FlowNode } from '../model/types';
import { overviewPaths } from './OverviewEdges';

const node = (id: string, type: NodeType, x: number, y: number): FlowNode =>
  typedNode({ id, type, position: { x, y }, data: defaultData(type) });

describe('overviewPaths', () => {
  it('draws each edge from the right side of its source to the left side of its target, one path per kind', () => {
    const nodes = [
      node('p', 'prompt', 0, 0),
      node('r', 'reference', 0, 200),
      node('e', 'edit', 500, 100),
    ];
    const edges: FlowEdge[] = [
      { id: '1', source: 'p', sourceHandle: 'text', target: 'e', targetHandle: 'instruction' },
      { id: '2', source: 'r', sourceHandle: 'image', target: 'e', targetHandle: 'image' },
    ];
    const paths = overviewPaths(nodes, edges);
    expect(paths.map((p) => p.kind)).toEqual(['text', 'image']);
    // prompt (270 wide, one output) → edit's second input of four; reference → edit's first.
    expect(paths[0]!.d).toBe('M270 42L500 134');
    expect(paths[1]!.d).toBe('M270 242L500 119');
  });

  it('leaves out edges whose nodes are missing', () => {
    const edges: FlowEdge[] = [
      { id: '1', source: 'x', sourceHandle: 'text', target: 'y', targetHandle: 'prompt' },
    ];
    expect(overviewPaths([], edges)).toEqual([]);
  });
});
