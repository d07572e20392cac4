/**
 * The graphs of the recipes benchmark (not a benchmark: index.ts runs `*.bench.ts` only):
 * recipes nested LEVELS deep, and the same graph flattened.
 */
import { toyRegistry } from '@atelier/engine/testing';
import type { Workflow } from '@atelier/graph';
import { RECIPE_NODE_TYPE } from '@atelier/graph';
import type { NodeDefinition, NodeRegistry } from '@atelier/nodes';
import { recipeNode } from '@atelier/nodes';

export const LEVELS = 4;
export const FANOUT = 4;

/** The toy nodes, the recipe node, and a `text` whose text is a field (a recipe input). */
export const benchRegistry: NodeRegistry = new Map<string, NodeDefinition>([
  ...toyRegistry,
  [
    'text',
    {
      ...toyRegistry.get('text')!,
      fields: [{ name: 'text', kind: 'text', label: 'Text', default: '', exposable: true }],
    } as NodeDefinition,
  ],
  [RECIPE_NODE_TYPE, recipeNode as unknown as NodeDefinition],
]);

const doc = (name: string, rest: Partial<Workflow>): Workflow => ({
  format: 'atelier.workflow',
  version: 1,
  name,
  nodes: [],
  edges: [],
  inputs: [],
  ...rest,
});
const at = { x: 0, y: 0 };
const edge = (id: string, from: string, to: string) => {
  const [source, sourceHandle] = from.split('.') as [string, string];
  const [target, targetHandle] = to.split('.') as [string, string];
  return { id, source, sourceHandle, target, targetHandle };
};

/**
 * Level 1: subject (text) → ask → ask, joined with the subject (4 nodes, 2 calls). Level k:
 * its subject, FANOUT uses of level k-1 each given "subject / part i" (a text and a concat
 * each), and a concat of their outputs. Every use has its own subject, so no two inner nodes
 * share a cache key. `pin(k)` is where level k is stored.
 */
export const recipeLevel = (level: number, pin: (level: number) => string): Workflow => {
  const subject = { name: 'subject', node: 't', field: 'text' };
  if (level === 1)
    return doc('L1', {
      nodes: [
        { id: 't', type: 'text', position: at, data: { text: '' } },
        { id: 'a', type: 'ask', position: at, data: { prompt: 'describe' } },
        { id: 'b', type: 'ask', position: at, data: { prompt: 'shorten' } },
        { id: 'j', type: 'concat', position: at, data: { sep: ' — ' } },
      ],
      edges: [
        edge('e1', 't.text', 'a.prompt'),
        edge('e2', 'a.text', 'b.prompt'),
        edge('e3', 't.text', 'j.parts'),
        edge('e4', 'b.text', 'j.parts'),
      ],
      inputs: [subject],
      outputs: [{ name: 'out', node: 'j', port: 'text' }],
    });
  const nodes: Workflow['nodes'] = [{ id: 't', type: 'text', position: at, data: { text: '' } }];
  const edges: Workflow['edges'] = [];
  for (let i = 0; i < FANOUT; i++) {
    nodes.push(
      { id: `k${i}`, type: 'text', position: at, data: { text: `part ${i}` } },
      { id: `c${i}`, type: 'concat', position: at, data: { sep: ' / ' } },
      {
        id: `r${i}`,
        type: RECIPE_NODE_TYPE,
        position: at,
        data: { workflowId: pin(level - 1), version: 1, inputs: {} },
      },
    );
    edges.push(
      edge(`t${i}`, 't.text', `c${i}.parts`),
      edge(`k${i}`, `k${i}.text`, `c${i}.parts`),
      edge(`s${i}`, `c${i}.text`, `r${i}.subject`),
      edge(`o${i}`, `r${i}.out`, 'j.parts'),
    );
  }
  nodes.push({ id: 'j', type: 'concat', position: at, data: { sep: ' | ' } });
  return doc(`L${level}`, {
    nodes,
    edges,
    inputs: [subject],
    outputs: [{ name: 'out', node: 'j', port: 'text' }],
  });
};

/** The document run: one node using the top level, with its subject set on the node. */
export const nestedDocument = (pin: (level: number) => string): Workflow =>
  doc('Nested', {
    nodes: [
      {
        id: 'top',
        type: RECIPE_NODE_TYPE,
        position: at,
        data: { workflowId: pin(LEVELS), version: 1, inputs: { subject: 'bench' } },
      },
    ],
    outputs: [{ name: 'out', node: 'top', port: 'out' }],
  });

/**
 * The same graph with no recipes: every node of every level, ids prefixed `top_r0_…`; a
 * recipe node becomes a one-part concat (it passes its recipe's output on, as the expanded
 * recipe node does) and an inner subject a one-part concat of what the parent wired in.
 */
export const flattenedDocument = (): Workflow => {
  const nodes: Workflow['nodes'] = [];
  const edges: Workflow['edges'] = [];
  /** Places level `level` under `prefix`; its subject comes from `from` (`node.port`) or is `text`. */
  const place = (level: number, prefix: string, from: string | undefined): string => {
    const recipe = recipeLevel(level, () => '');
    for (const node of recipe.nodes) {
      const id = prefix + node.id;
      if (node.type === RECIPE_NODE_TYPE) {
        nodes.push({ id, type: 'concat', position: at, data: { sep: '' } });
        const out = place(level - 1, `${id}_`, `${prefix}c${node.id.slice(1)}.text`);
        edges.push(edge(`${id}.out`, out, `${id}.parts`));
      } else if (node.id === 't' && from) {
        nodes.push({ id, type: 'concat', position: at, data: { sep: '' } });
        edges.push(edge(`${id}.in`, from, `${id}.parts`));
      } else nodes.push({ ...node, id, data: node.id === 't' ? { text: 'bench' } : node.data });
    }
    // An edge into a recipe's subject feeds the flattened subject concat (placed above).
    for (const e of recipe.edges)
      if (e.targetHandle !== 'subject')
        edges.push({
          ...e,
          id: prefix + e.id,
          source: prefix + e.source,
          // What a recipe node passes on, its flattened concat gives as `text`.
          sourceHandle: e.sourceHandle === 'out' ? 'text' : e.sourceHandle,
          target: prefix + e.target,
        });
    return `${prefix}j.text`;
  };
  const out = place(LEVELS, 'top_', undefined);
  nodes.push({ id: 'top', type: 'concat', position: at, data: { sep: '' } });
  edges.push(edge('top.out', out, 'top.parts'));
  return doc('Flattened', { nodes, edges, outputs: [{ name: 'out', node: 'top', port: 'text' }] });
};
