import { describe, expect, it } from 'vitest';
import { workflowOf } from './testing/catalogue';
import {
  ancestorsOf,
  descendantsOf,
  findCycles,
  incomingEdges,
  outgoingEdges,
  topologicalOrder,
} from './traverse';

// g2 listed first on purpose: order must follow edges, not the document.
const diamond = workflowOf(
  [
    { id: 'g2', type: 'edit' },
    { id: 'p', type: 'prompt' },
    { id: 'g1', type: 'generate' },
    { id: 'q', type: 'prompt' },
    { id: 'lone', type: 'prompt' },
  ],
  [
    ['g1', 'image', 'g2', 'image'],
    ['p', 'text', 'g1', 'prompt'],
    ['q', 'text', 'g2', 'instruction'],
    ['p', 'text', 'g1', 'context'],
  ],
);

describe('topologicalOrder', () => {
  it('puts every node after the nodes it depends on', () => {
    expect(topologicalOrder(diamond)).toEqual(['p', 'g1', 'q', 'g2', 'lone']);
  });

  it('keeps document order among nodes that do not depend on each other', () => {
    const flat = workflowOf([
      { id: 'c', type: 'prompt' },
      { id: 'a', type: 'prompt' },
      { id: 'b', type: 'prompt' },
    ]);
    expect(topologicalOrder(flat)).toEqual(['c', 'a', 'b']);
  });

  it('throws naming the nodes of a cycle', () => {
    const looped = workflowOf(
      [
        { id: 'a', type: 'edit' },
        { id: 'b', type: 'edit' },
      ],
      [
        ['a', 'image', 'b', 'image'],
        ['b', 'image', 'a', 'image'],
      ],
    );
    expect(() => topologicalOrder(looped)).toThrow('cycle through a → b');
  });
});

describe('ancestorsOf', () => {
  it('collects direct and indirect dependencies but not the node itself', () => {
    expect(ancestorsOf(diamond, 'g2')).toEqual(new Set(['g1', 'p', 'q']));
  });

  it('is empty for a source node', () => {
    expect(ancestorsOf(diamond, 'p').size).toBe(0);
  });
});

describe('descendantsOf', () => {
  it('collects every node downstream', () => {
    expect(descendantsOf(diamond, 'p')).toEqual(new Set(['g1', 'g2']));
  });
});

describe('incomingEdges', () => {
  it('returns edges into a port in document order', () => {
    expect(incomingEdges(diamond, 'g1').map((e) => e.targetHandle)).toEqual(['prompt', 'context']);
  });

  it('filters by port when one is given', () => {
    expect(incomingEdges(diamond, 'g1', 'context').map((e) => e.id)).toEqual(['e4']);
  });
});

describe('outgoingEdges', () => {
  it('returns edges out of a node', () => {
    expect(outgoingEdges(diamond, 'p').map((e) => e.target)).toEqual(['g1', 'g1']);
  });
});

describe('findCycles', () => {
  it('finds none in a DAG', () => {
    expect(findCycles(diamond)).toEqual([]);
  });

  it('finds a self loop as a cycle of one', () => {
    const self = workflowOf([{ id: 'a', type: 'edit' }], [['a', 'image', 'a', 'image']]);
    expect(findCycles(self)).toEqual([['a']]);
  });

  it('handles a long chain without overflowing the stack', () => {
    const n = 20000;
    const chain = workflowOf(
      Array.from({ length: n }, (_v, i) => ({ id: `n${i}`, type: 'edit' })),
      Array.from(
        { length: n - 1 },
        (_v, i) => [`n${i}`, 'image', `n${i + 1}`, 'image'] as [string, string, string, string],
      ),
    );
    expect(findCycles(chain)).toEqual([]);
  });
});
