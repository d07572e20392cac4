import { parseWorkflow } from '@atelier/graph';
import { beforeEach, describe, expect, it } from 'vitest';
import { useDocument } from '../store/document-store';
import { isDirty } from '../store/document-store';
import { cardBox, overlaps } from './annotation-layout';
import { spreadOverlapping } from './spread-cards';
import type { FlowNode } from './types';

const card = (id: string, x: number, y: number, height = 200, measured = true): FlowNode => ({
  id,
  type: 'prompt',
  position: { x, y },
  data: { text: '' },
  ...(measured && { measured: { width: 280, height } }),
});

describe('spreadOverlapping', () => {
  it('moves a card lying on another straight down below it, and the ones it then covers', () => {
    // Saved for 220 px cards, measured at 480: each covers the next one in its column.
    const nodes = [card('a', 400, 0, 480), card('b', 400, 320, 480), card('c', 400, 640, 480)];
    const moved = spreadOverlapping(nodes);
    expect([...moved.keys()]).toEqual(['b', 'c']);
    expect(moved.get('b')).toEqual({ x: 400, y: 512 });
    expect(moved.get('c')).toEqual({ x: 400, y: 1024 });
  });

  it('leaves cards that do not overlap, and cards not measured yet, where they are', () => {
    expect(spreadOverlapping([card('a', 0, 0), card('b', 300, 0), card('c', 0, 240)]).size).toBe(0);
    expect(spreadOverlapping([card('a', 0, 0), card('b', 0, 10, 200, false)]).size).toBe(0);
  });
});

describe('spreading an opened document', () => {
  beforeEach(() => {
    const parsed = parseWorkflow({
      format: 'atelier.workflow',
      version: 1,
      name: 'Stacked',
      nodes: [
        { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a' } },
        { id: 'p2', type: 'prompt', position: { x: 0, y: 100 }, data: { text: 'b' } },
      ],
      groups: [
        {
          id: 'g1',
          title: 'Both',
          position: { x: -40, y: -80 },
          size: { width: 360, height: 420 },
        },
      ],
    });
    if (!parsed.ok) throw new Error('fixture');
    useDocument.getState().load(parsed.workflow, { workflowId: 'wf_1', version: 1 });
    // What React Flow reports once the cards are on screen.
    useDocument.getState().onNodesChange(
      ['p1', 'p2'].map((id) => ({
        id,
        type: 'dimensions' as const,
        dimensions: { width: 280, height: 260 },
        setAttributes: true,
      })),
    );
  });

  it('takes the cards apart, keeps them in their group, and stays saved and out of undo', () => {
    const doc = useDocument.getState();
    expect(doc.spreadOverlaps()).toBe(1);
    const after = useDocument.getState();
    const [a, b] = after.nodes.map(cardBox);
    expect(overlaps(a!, b!)).toBe(false);
    const g = after.groups![0]!;
    expect(after.nodes[1]!.position.y).toBeLessThanOrEqual(g.position.y + g.size.height);
    expect(after.nodes[1]!.position.y + 260).toBeLessThanOrEqual(g.position.y + g.size.height);
    expect(isDirty(after)).toBe(false);
    expect(after.past).toEqual([]);
    expect(useDocument.getState().spreadOverlaps()).toBe(0);
  });
});
