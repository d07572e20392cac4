import { describe, expect, it } from 'vitest';
import { runWorkflowEvents } from './run-workflow-events';
import { flush, heldResponses, toyOptions, toyWorkflow } from './testing';
import type { RunEvent } from './types';

describe('runWorkflowEvents', () => {
  it('yields every event in order and returns the summary', async () => {
    const workflow = toyWorkflow(
      [
        { id: 'a', type: 'text', data: { text: 'x' } },
        { id: 'b', type: 'ask' },
      ],
      ['a.text -> b.prompt'],
    );
    const iterator = runWorkflowEvents(toyOptions(workflow));
    const types: string[] = [];
    let result = await iterator.next();
    while (!result.done) {
      types.push(result.value.type);
      result = await iterator.next();
    }
    expect(types).toEqual([
      'run.started',
      'node.started',
      'node.completed',
      'node.started',
      'node.completed',
      'run.completed',
    ]);
    expect(result.value.status).toBe('succeeded');
  });

  it('cancels the run when the loop is left early', async () => {
    const { fake, held } = heldResponses();
    const workflow = toyWorkflow([{ id: 'a', type: 'ask' }]);
    const seen: RunEvent[] = [];
    for await (const event of runWorkflowEvents(toyOptions(workflow, { responses: fake }))) {
      seen.push(event);
      if (event.type === 'node.started') break;
    }
    await flush();
    expect(held[0]!.signal.aborted).toBe(true);
  });
});
