import { describe, expect, it } from 'vitest';
import { checkJsonShape, MAX_EDGES, MAX_JSON_DEPTH, MAX_NODES } from './limits';
import { parseWorkflow } from './parse';

const valid = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Weather poster',
  nodes: [{ id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'A poster' } }],
  edges: [],
  inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
};

describe('parseWorkflow', () => {
  it('accepts the DESIGN.md example document', () => {
    const result = parseWorkflow(valid);
    expect(result.ok).toBe(true);
  });

  it('fills defaults for omitted edges, inputs, name, position and data', () => {
    const result = parseWorkflow({
      format: 'atelier.workflow',
      version: 1,
      nodes: [{ id: 'p1', type: 'prompt' }],
    });
    expect(result).toEqual({
      ok: true,
      workflow: {
        format: 'atelier.workflow',
        version: 1,
        name: 'Untitled',
        nodes: [{ id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: {} }],
        edges: [],
        inputs: [],
      },
    });
  });

  it('keeps view state on the node, apart from data', () => {
    const result = parseWorkflow({
      ...valid,
      nodes: [{ ...valid.nodes[0], view: { collapsed: true } }],
    });
    expect(result.ok && result.workflow.nodes[0]?.view).toEqual({ collapsed: true });
  });

  it('rejects a document of a future version with a clear message', () => {
    const result = parseWorkflow({ ...valid, version: 7 });
    expect(result).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({
          path: 'version',
          code: 'unsupported_version',
          message: expect.stringContaining('update Atelier'),
        }),
      ],
    });
  });

  it('migrates a version 0 document whose edges use "node.port" strings', () => {
    const result = parseWorkflow({
      format: 'atelier.workflow',
      version: 0,
      nodes: [
        { id: 'p.1', type: 'prompt' },
        { id: 'g1', type: 'generate' },
      ],
      edges: [{ from: 'p.1.text', to: 'g1.prompt' }],
    });
    expect(result.ok && result.workflow.edges).toEqual([
      { id: 'e1', source: 'p.1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' },
    ]);
  });

  it('reports every schema problem at once', () => {
    const result = parseWorkflow({
      ...valid,
      nodes: [{ id: 'a', type: 'prompt', position: { x: '1', y: 0 } }, { type: 3 }],
    });
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual([
      'nodes[0].position.x',
      'nodes[1].id',
      'nodes[1].type',
    ]);
  });

  describe.each([
    ['a string', 'workflow', '', 'invalid_document'],
    ['null', null, '', 'invalid_document'],
    ['an array', [], '', 'invalid_document'],
    ['another format', { ...valid, format: 'other' }, 'format', 'invalid_format'],
    ['no version', { ...valid, version: undefined }, 'version', 'missing_field'],
    ['a fractional version', { ...valid, version: 1.5 }, 'version', 'invalid_field'],
    ['a negative version', { ...valid, version: -1 }, 'version', 'invalid_field'],
    ['no nodes', { ...valid, nodes: undefined }, 'nodes', 'missing_field'],
    ['nodes as an object', { ...valid, nodes: {} }, 'nodes', 'invalid_field'],
    [
      'a node without id',
      { ...valid, nodes: [{ type: 'prompt' }] },
      'nodes[0].id',
      'missing_field',
    ],
    [
      'a node id with spaces',
      { ...valid, nodes: [{ id: 'a b', type: 'prompt' }] },
      'nodes[0].id',
      'invalid_field',
    ],
    [
      'data that is not an object',
      { ...valid, nodes: [{ id: 'a', type: 'prompt', data: 'x' }] },
      'nodes[0].data',
      'invalid_field',
    ],
    [
      'an edge without targetHandle',
      { ...valid, edges: [{ id: 'e', source: 'a', sourceHandle: 'text', target: 'b' }] },
      'edges[0].targetHandle',
      'missing_field',
    ],
    [
      'an input name with a space',
      { ...valid, inputs: [{ name: 'my input', node: 'p1', field: 'text' }] },
      'inputs[0].name',
      'invalid_field',
    ],
    [
      'a version 0 edge that is not "node.port"',
      { ...valid, version: 0, edges: [{ from: 'p1', to: 'g1.prompt' }] },
      'edges[0].from',
      'invalid_field',
    ],
  ])('a document with %s', (_what, document, path, code) => {
    it(`is rejected at "${path}" with ${code}`, () => {
      const result = parseWorkflow(document);
      expect(result.ok).toBe(false);
      expect(result.ok ? undefined : result.issues[0]).toMatchObject({ path, code });
    });
  });

  it('says what was expected in its messages', () => {
    const result = parseWorkflow({
      ...valid,
      nodes: [{ id: 'a', type: 'prompt', position: 'top' }],
    });
    expect(result.ok ? '' : result.issues[0]?.message).toBe(
      'nodes[0].position: expected object, got string',
    );
  });

  it('refuses ids and input names a plain object already has (__proto__, constructor, prototype)', () => {
    const result = parseWorkflow({
      ...valid,
      nodes: [
        { id: '__proto__', type: 'prompt' },
        { id: 'constructor', type: 'prompt' },
      ],
      edges: [{ id: 'prototype', source: 'a', sourceHandle: 'x', target: 'b', targetHandle: 'y' }],
      inputs: [{ name: '__proto__', node: 'a', field: 'text' }],
    });
    expect(result.ok ? [] : result.issues).toEqual([
      {
        path: 'nodes[0].id',
        code: 'invalid_field',
        message: expect.stringContaining('"__proto__" is reserved and cannot be an id'),
      },
      expect.objectContaining({ path: 'nodes[1].id', code: 'invalid_field' }),
      expect.objectContaining({ path: 'edges[0].id', code: 'invalid_field' }),
      {
        path: 'inputs[0].name',
        code: 'invalid_field',
        message: expect.stringContaining('"__proto__" is reserved and cannot be an input name'),
      },
    ]);
    // Names that merely contain one are fine.
    expect(parseWorkflow({ ...valid, nodes: [{ id: 'my__proto__', type: 'prompt' }] }).ok).toBe(
      true,
    );
  });
});

describe('document limits', () => {
  const prompts = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `p${i}`, type: 'prompt', data: { text: 'x' } }));

  it(`refuses more than ${MAX_NODES} nodes or ${MAX_EDGES} edges before looking further`, () => {
    const nodes = parseWorkflow({ ...valid, nodes: prompts(MAX_NODES + 1) });
    expect(nodes).toMatchObject({ ok: false, issues: [{ path: 'nodes', code: 'too_many_nodes' }] });
    const edge = { id: 'e', source: 'a', sourceHandle: 'text', target: 'b', targetHandle: 'x' };
    const edges = parseWorkflow({ ...valid, edges: Array(MAX_EDGES + 1).fill(edge) });
    expect(edges).toMatchObject({ ok: false, issues: [{ path: 'edges', code: 'too_many_edges' }] });
    expect(parseWorkflow({ ...valid, nodes: prompts(MAX_NODES) }).ok).toBe(true);
  });

  it('refuses nesting deeper than the limit with the path where it goes too deep', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    const result = parseWorkflow({
      ...valid,
      nodes: [{ id: 'p1', type: 'prompt', data: { text: 'x' }, view: { deep } }],
    });
    expect(result.ok).toBe(false);
    const issue = !result.ok ? result.issues[0]! : undefined;
    expect(issue?.code).toBe('too_deep');
    expect(issue?.path.startsWith('nodes[0].view.deep.a.a')).toBe(true);
    expect(issue?.path.split('.').length).toBe(MAX_JSON_DEPTH - 1);
    expect(issue?.message).toMatch(`nested more than ${MAX_JSON_DEPTH} levels deep`);
  });

  it('repairs lone surrogates in names, text and keys to U+FFFD (what comes back is what is stored)', () => {
    const result = parseWorkflow({
      ...valid,
      name: 'Poster \uD83D',
      nodes: [
        {
          id: 'p1',
          type: 'prompt',
          data: { text: 'a\uDC00b \uD83D\uDE00' },
          view: { ['k\uD800']: 1 },
        },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.workflow.name).toBe('Poster \uFFFD');
    expect(result.workflow.nodes[0]!.data.text).toBe('a\uFFFDb \uD83D\uDE00');
    expect(Object.keys(result.workflow.nodes[0]!.view!)).toEqual(['k\uFFFD']);
  });

  it('leaves a well-formed document untouched (same objects)', () => {
    const shape = checkJsonShape(valid);
    expect(shape.value).toBe(valid);
  });
});
