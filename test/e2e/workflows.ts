/** Workflow documents built as data for the browser tests and the browser benchmark. */

interface DocNode {
  id: string;
  type: string;
  position: { x: number; y: number };
  data: Record<string, unknown>;
}

interface DocEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

export interface WorkflowDoc {
  format: 'atelier.workflow';
  version: 1;
  name: string;
  nodes: DocNode[];
  edges: DocEdge[];
  inputs: never[];
}

/**
 * A large, valid document: `groups` copies of a five-node recipe (subject and instruction
 * prompts, a web search feeding a generate, an edit of its image), laid out on a grid.
 * 200 groups = 1,000 nodes and 1,000 edges.
 */
export const bigWorkflow = (groups = 200): WorkflowDoc => {
  const nodes: DocNode[] = [];
  const edges: DocEdge[] = [];
  const columns = 10;
  for (let g = 0; g < groups; g++) {
    const ox = (g % columns) * 1500;
    const oy = Math.floor(g / columns) * 700;
    const id = (name: string) => `${name}${g}`;
    const add = (name: string, type: string, x: number, y: number, data = {}) =>
      nodes.push({ id: id(name), type, position: { x: ox + x, y: oy + y }, data });
    add('subject', 'prompt', 0, 0, { text: `A lighthouse at dusk, study ${g}` });
    add('ask', 'prompt', 0, 320, { text: `Make it winter, variation ${g}` });
    add('search', 'web_search', 360, 0, { query: '' });
    add('gen', 'generate', 720, 0);
    add('edit', 'edit', 1080, 160);
    const link = (from: string, out: string, to: string, input: string) =>
      edges.push({
        id: `e-${id(from)}-${id(to)}-${input}`,
        source: id(from),
        sourceHandle: out,
        target: id(to),
        targetHandle: input,
      });
    link('subject', 'text', 'gen', 'prompt');
    link('subject', 'text', 'search', 'query');
    link('search', 'text', 'gen', 'context');
    link('gen', 'image', 'edit', 'image');
    link('ask', 'text', 'edit', 'instruction');
  }
  return {
    format: 'atelier.workflow',
    version: 1,
    name: `Benchmark: ${groups * 5} nodes`,
    nodes,
    edges,
    inputs: [],
  };
};
