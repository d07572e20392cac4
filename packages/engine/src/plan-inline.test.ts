import { describe, expect, it } from 'vitest';
import type { ImageValue, PortValue, Workflow } from '@atelier/graph';
import { parseWorkflow, validateWorkflow } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import { cacheKeyFor } from './cache-key';
import { boundData, gatherInputs, planRun } from './plan';

/**
 * The edit node's instruction can be typed on the card (its data field `instruction`, named by
 * the port's `inline`) or wired from a prompt; a wire wins.
 */
const photo: ImageValue = {
  blob: 'b'.repeat(64) as ImageValue['blob'],
  mime: 'image/png',
  width: 8,
  height: 8,
};

const documentOf = (editData: Record<string, unknown>, wired: boolean): Workflow => {
  const parsed = parseWorkflow({
    format: 'atelier.workflow',
    version: 1,
    name: 'inline',
    nodes: [
      { id: 'r', type: 'reference', position: { x: 0, y: 0 }, data: { image: photo } },
      { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'make it blue' } },
      { id: 'e', type: 'edit', position: { x: 0, y: 0 }, data: editData },
    ],
    edges: [
      { id: 'e1', source: 'r', sourceHandle: 'image', target: 'e', targetHandle: 'image' },
      ...(wired
        ? [
            {
              id: 'e2',
              source: 'p',
              sourceHandle: 'text',
              target: 'e',
              targetHandle: 'instruction',
            },
          ]
        : []),
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const valid = validateWorkflow(parsed.workflow, registry);
  if (!valid.ok) throw new Error(JSON.stringify(valid.issues));
  return valid.workflow;
};

/** What the engine gives the edit node and keys it with (the reference and prompt ran). */
const editCall = (workflow: Workflow) => {
  const plan = planRun(workflow, registry);
  const planned = plan.nodes.get('e')!;
  const outputs: Record<string, Record<string, PortValue>> = {
    r: { image: photo },
    p: { text: 'make it blue' },
  };
  const outputsOf = (id: string) => outputs[id];
  const inputs = gatherInputs(planned, outputsOf);
  const data = boundData(planned, outputsOf);
  const key = cacheKeyFor({
    type: 'edit',
    version: planned.definition.version,
    data,
    ports: planned.ports,
    inputs,
    provider: 'simulator',
  });
  return { inputs, data, key };
};

describe("the edit node's inline instruction", () => {
  it('reaches the node as its instruction input when nothing is connected', () => {
    const { inputs, data } = editCall(documentOf({ instruction: 'make it red' }, false));
    expect(inputs.instruction).toBe('make it red');
    expect(data).not.toHaveProperty('instruction');
  });

  it('is keyed exactly as the same text wired from a prompt', () => {
    const typed = editCall(documentOf({ instruction: 'make it blue' }, false));
    const wired = editCall(documentOf({}, true));
    expect(typed.key).toBe(wired.key);
  });

  it('gives way to a connected instruction, and then does not change the key', () => {
    const wired = editCall(documentOf({}, true));
    const typedUnder = editCall(documentOf({ instruction: 'make it red' }, true));
    expect(typedUnder.inputs.instruction).toBe('make it blue');
    expect(typedUnder.key).toBe(wired.key);
  });

  it('keeps the cache keys of edits saved before the field existed', () => {
    const saved = documentOf({}, true);
    const edit = saved.nodes.find((n) => n.id === 'e')!;
    // The data as the schema filled it before `instruction` was a field.
    const { instruction: _added, ...before } = edit.data;
    const plan = planRun(saved, registry);
    const planned = plan.nodes.get('e')!;
    const keyBefore = cacheKeyFor({
      type: 'edit',
      version: planned.definition.version,
      data: before,
      ports: planned.ports,
      inputs: { image: photo, instruction: 'make it blue', mask: undefined, references: [] },
      provider: 'simulator',
    });
    expect(editCall(saved).key).toBe(keyBefore);
  });

  it('is refused before the run when blank and nothing is connected, saying what to do', () => {
    expect(() => documentOf({ instruction: '   ' }, false)).toThrow(
      /type an instruction on edit node e, or connect a text output/,
    );
  });
});
