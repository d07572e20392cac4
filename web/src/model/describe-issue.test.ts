import { describe, expect, it } from 'vitest';
import { defaultData } from './catalogue';
import { typedNode } from './node-data';
import type { FlowNode } from './types';
import { describeIssue, nodeLabel } from './describe-issue';

const nodes: FlowNode[] = [
  { id: 'photo', type: 'reference', position: { x: 0, y: 0 }, data: { image: null } },
  typedNode({
    id: 'g1',
    type: 'generate',
    position: { x: 300, y: 0 },
    data: defaultData('generate'),
    view: { title: 'Hero shot' },
  }),
];

describe('describeIssue', () => {
  it('names the node and says what to do, without the JSON path or HTTP words', () => {
    const shown = describeIssue(
      {
        path: 'workflow.nodes[0].data.image',
        code: 'missing_image',
        message:
          'nodes[0].data.image: reference node "photo" has no image; send one in the run request: "inputs": {"photo": {"blob": "<id from POST /api/blobs>"}}',
      },
      nodes,
    );
    expect(shown).toEqual({
      nodeId: 'photo',
      where: 'Reference image “photo”',
      text: 'has no image: upload one, drop one onto it, or paste one (Ctrl+V).',
    });
  });

  it('uses the title a person gave the node and the field label', () => {
    const shown = describeIssue(
      {
        path: 'nodes[1].data.size',
        code: 'invalid_field',
        message: 'nodes[1].data.size: both sides of 1000x1000 must be divisible by 16',
      },
      nodes,
    );
    expect(shown).toMatchObject({
      where: 'Hero shot',
      text: 'Size: both sides of 1000x1000 must be divisible by 16',
    });
    expect(nodeLabel(nodes[1]!)).toBe('Hero shot');
  });

  it('points a recipe input problem at the node behind it', () => {
    const shown = describeIssue(
      {
        path: 'inputs.photo',
        code: 'unknown_blob',
        message: 'inputs.photo: no blob abc on this server',
      },
      nodes,
      [{ name: 'photo', node: 'photo', field: 'image' }],
    );
    expect(shown).toEqual({
      nodeId: 'photo',
      where: 'Recipe input “photo”',
      text: 'no image abc on this server',
    });
  });

  it('shows a message already written for a person as it is, with its node to show', () => {
    const message = 'Reference image (photo): the image is missing — set it again before running';
    expect(
      describeIssue({ path: 'nodes[0].data.image', code: 'missing_image', message }, nodes),
    ).toEqual({
      nodeId: 'photo',
      text: message,
    });
  });

  it('tells a person to type an instruction on an edit card, or wire one', () => {
    const edit = typedNode({
      id: 'e1',
      type: 'edit',
      position: { x: 0, y: 0 },
      data: defaultData('edit'),
    });
    const shown = describeIssue(
      {
        path: 'workflow.nodes[0].inputs.instruction',
        code: 'missing_input',
        message:
          'nodes[0]: type an instruction on edit node e1, or connect a text output to its input "instruction"',
      },
      [edit],
    );
    expect(shown.text).toBe(
      'needs an instruction: type it on the card, or drag a wire into its Instruction input.',
    );
  });
});
