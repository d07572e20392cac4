import { describe, expect, it } from 'vitest';
import type { Workflow } from './document';
import { catalogue, image, workflowOf } from './testing/catalogue';
import { MAX_IMAGES_PER_CALL, validateWorkflow } from './validate';

const issuesOf = (workflow: Workflow) => {
  const result = validateWorkflow(workflow, catalogue);
  return result.ok ? [] : result.issues;
};
const codesAt = (workflow: Workflow) => issuesOf(workflow).map((i) => `${i.code} @ ${i.path}`);

const promptToGenerate = () =>
  workflowOf(
    [
      { id: 'p1', type: 'prompt', data: { text: 'a cat' } },
      { id: 'g1', type: 'generate' },
    ],
    [['p1', 'text', 'g1', 'prompt']],
  );

const refs = (n: number) =>
  Array.from({ length: n }, (_v, i) => ({
    id: `r${i}`,
    type: 'reference',
    data: { image: image() },
  }));

describe('validateWorkflow', () => {
  it('accepts a prompt wired into a generate', () => {
    expect(validateWorkflow(promptToGenerate(), catalogue).ok).toBe(true);
  });

  it('fills default field values in the returned workflow', () => {
    const result = validateWorkflow(promptToGenerate(), catalogue);
    expect(result.ok && result.workflow.nodes[1]?.data).toEqual({ size: 'auto', variant: 0 });
  });

  it('does not change the workflow it was given', () => {
    const workflow = promptToGenerate();
    validateWorkflow(workflow, catalogue);
    expect(workflow.nodes[1]?.data).toEqual({});
  });

  it('reports all problems at once rather than the first', () => {
    const workflow = workflowOf(
      [
        { id: 'x', type: 'nope' },
        { id: 'g1', type: 'generate', data: { size: 'huge' } },
      ],
      [['x', 'text', 'ghost', 'prompt']],
    );
    expect(codesAt(workflow)).toEqual([
      'unknown_node_type @ nodes[0].type',
      'invalid_field @ nodes[1].data.size',
      'dangling_edge @ edges[0].target',
      'missing_input @ nodes[1].inputs.prompt',
    ]);
  });

  it('names the cycle members', () => {
    const workflow = workflowOf(
      [
        { id: 'a', type: 'edit' },
        { id: 'b', type: 'edit' },
        { id: 'p', type: 'prompt' },
      ],
      [
        ['a', 'image', 'b', 'image'],
        ['b', 'image', 'a', 'image'],
        ['p', 'text', 'a', 'instruction'],
        ['p', 'text', 'b', 'instruction'],
      ],
    );
    expect(issuesOf(workflow)).toEqual([
      expect.objectContaining({
        code: 'cycle',
        path: 'edges[0]',
        message: expect.stringContaining('a, b'),
      }),
    ]);
  });

  it('counts the edited image and its references against the 16-image limit', () => {
    const workflow = workflowOf(
      [{ id: 'p', type: 'prompt' }, { id: 'e', type: 'edit' }, ...refs(MAX_IMAGES_PER_CALL)],
      [
        ['p', 'text', 'e', 'instruction'],
        ['r0', 'image', 'e', 'image'],
        ...refs(MAX_IMAGES_PER_CALL).map(
          (r) => [r.id, 'image', 'e', 'references'] as [string, string, string, string],
        ),
      ],
    );
    expect(codesAt(workflow)).toEqual(['too_many_images @ nodes[1]']);
  });

  it('names the first edge past a port maximum', () => {
    const workflow = workflowOf(
      [{ id: 'p', type: 'prompt' }, { id: 'g', type: 'generate' }, ...refs(17)],
      [
        ['p', 'text', 'g', 'prompt'],
        ...refs(17).map(
          (r) => [r.id, 'image', 'g', 'references'] as [string, string, string, string],
        ),
      ],
    );
    expect(codesAt(workflow)).toEqual(['too_many_images @ edges[17]']);
  });

  it('lets a multiple input take several edges', () => {
    const workflow = workflowOf(
      [
        { id: 'p', type: 'prompt' },
        { id: 'q', type: 'prompt' },
        { id: 'g', type: 'generate' },
      ],
      [
        ['p', 'text', 'g', 'prompt'],
        ['p', 'text', 'g', 'context'],
        ['q', 'text', 'g', 'context'],
      ],
    );
    expect(codesAt(workflow)).toEqual([]);
  });

  describe.each<[string, Workflow, string[]]>([
    [
      'two nodes with one id',
      workflowOf(
        [
          { id: 'p', type: 'prompt' },
          { id: 'p', type: 'prompt' },
        ],
        [],
      ),
      ['duplicate_id @ nodes[1].id'],
    ],
    [
      'two edges with one id',
      {
        ...promptToGenerate(),
        edges: [
          ...promptToGenerate().edges,
          { ...promptToGenerate().edges[0]!, targetHandle: 'context' },
        ],
      },
      ['duplicate_id @ edges[1].id'],
    ],
    [
      'an edge from a missing node',
      workflowOf([{ id: 'g', type: 'generate' }], [['ghost', 'text', 'g', 'prompt']]),
      ['dangling_edge @ edges[0].source', 'missing_input @ nodes[0].inputs.prompt'],
    ],
    [
      'an edge from an output that does not exist',
      workflowOf(
        [
          { id: 'p', type: 'prompt' },
          { id: 'g', type: 'generate' },
        ],
        [['p', 'words', 'g', 'prompt']],
      ),
      ['unknown_port @ edges[0].sourceHandle', 'missing_input @ nodes[1].inputs.prompt'],
    ],
    [
      'an edge into an input that does not exist',
      workflowOf(
        [
          { id: 'p', type: 'prompt' },
          { id: 'g', type: 'generate' },
        ],
        [
          ['p', 'text', 'g', 'prompt'],
          ['p', 'text', 'g', 'style'],
        ],
      ),
      ['unknown_port @ edges[1].targetHandle'],
    ],
    [
      'a text output into an image input',
      workflowOf(
        [
          { id: 'p', type: 'prompt' },
          { id: 'g', type: 'generate' },
        ],
        [
          ['p', 'text', 'g', 'prompt'],
          ['p', 'text', 'g', 'references'],
        ],
      ),
      ['port_kind_mismatch @ edges[1]'],
    ],
    [
      'two edges into a single input',
      workflowOf(
        [
          { id: 'p', type: 'prompt' },
          { id: 'q', type: 'prompt' },
          { id: 'g', type: 'generate' },
        ],
        [
          ['p', 'text', 'g', 'prompt'],
          ['q', 'text', 'g', 'prompt'],
        ],
      ),
      ['too_many_edges @ edges[1]'],
    ],
    [
      'the same connection twice',
      workflowOf(
        [
          { id: 'p', type: 'prompt' },
          { id: 'g', type: 'generate' },
        ],
        [
          ['p', 'text', 'g', 'prompt'],
          ['p', 'text', 'g', 'prompt'],
        ],
      ),
      ['duplicate_edge @ edges[1]'],
    ],
    [
      'an unconnected required input',
      workflowOf([{ id: 'g', type: 'generate' }]),
      ['missing_input @ nodes[0].inputs.prompt'],
    ],
    [
      'a node connected to itself',
      workflowOf(
        [
          { id: 'p', type: 'prompt' },
          { id: 'e', type: 'edit' },
        ],
        [
          ['p', 'text', 'e', 'instruction'],
          ['e', 'image', 'e', 'image'],
        ],
      ),
      ['cycle @ edges[1]'],
    ],
    [
      'a field value outside its options',
      {
        ...promptToGenerate(),
        nodes: [
          promptToGenerate().nodes[0]!,
          { ...promptToGenerate().nodes[1]!, data: { size: '9x9' } },
        ],
      },
      ['invalid_field @ nodes[1].data.size'],
    ],
    [
      'a field of the wrong type',
      workflowOf([{ id: 'p', type: 'prompt', data: { text: 5 } }]),
      ['invalid_field @ nodes[0].data.text'],
    ],
    [
      'an image field that is not an image value',
      workflowOf([{ id: 'r', type: 'reference', data: { image: { blob: 'nope' } } }]),
      [
        'invalid_field @ nodes[0].data.image.blob',
        'missing_field @ nodes[0].data.image.mime',
        'missing_field @ nodes[0].data.image.width',
        'missing_field @ nodes[0].data.image.height',
      ],
    ],
    [
      'a named input on a missing node',
      workflowOf(
        [{ id: 'p', type: 'prompt' }],
        [],
        [{ name: 'subject', node: 'ghost', field: 'text' }],
      ),
      ['unknown_input @ inputs[0].node'],
    ],
    [
      'a named input on a missing field',
      workflowOf(
        [{ id: 'p', type: 'prompt' }],
        [],
        [{ name: 'subject', node: 'p', field: 'words' }],
      ),
      ['unknown_input @ inputs[0].field'],
    ],
    [
      'a named input on a field that cannot be exposed',
      { ...promptToGenerate(), inputs: [{ name: 'size', node: 'g1', field: 'size' }] },
      ['input_not_exposable @ inputs[0].field'],
    ],
    [
      'two named inputs with one name',
      workflowOf(
        [
          { id: 'p', type: 'prompt' },
          { id: 'q', type: 'prompt' },
        ],
        [],
        [
          { name: 'subject', node: 'p', field: 'text' },
          { name: 'subject', node: 'q', field: 'text' },
        ],
      ),
      ['duplicate_input @ inputs[1].name'],
    ],
    [
      'one field exposed twice',
      workflowOf(
        [{ id: 'p', type: 'prompt' }],
        [],
        [
          { name: 'a', node: 'p', field: 'text' },
          { name: 'b', node: 'p', field: 'text' },
        ],
      ),
      ['duplicate_input @ inputs[1]'],
    ],
  ])('a workflow with %s', (_what, workflow, expected) => {
    it(`is reported as ${expected.join(', ')}`, () => {
      expect(codesAt(workflow)).toEqual(expected);
    });
  });

  it('explains a kind mismatch with both kinds', () => {
    const workflow = workflowOf(
      [
        { id: 'r', type: 'reference', data: { image: image() } },
        { id: 'g', type: 'generate' },
      ],
      [['r', 'image', 'g', 'prompt']],
    );
    expect(issuesOf(workflow)[0]?.message).toBe(
      'edges[0]: output "image" of r is image but input "prompt" of g takes text',
    );
  });

  it('lists the known node types when one is unknown', () => {
    const message = issuesOf(workflowOf([{ id: 'x', type: 'upscale' }]))[0]?.message;
    expect(message).toContain('"prompt", "reference"');
  });
});
