import { describe, expect, it } from 'vitest';
import { runWorkflow, SLICE_NODES } from './run-workflow';
import { toyOptions, toyWorkflow } from './testing';

describe('runWorkflow and the host event loop', () => {
  it('lets the event loop turn while a big graph of instant nodes runs', async () => {
    const count = 20 * SLICE_NODES;
    const workflow = toyWorkflow(
      Array.from({ length: count }, (_, i) => ({
        id: `t${i}`,
        type: 'text',
        data: { text: `${i}` },
      })),
    );
    // Counts turns of the event loop that got to run while the run was going on.
    let turns = 0;
    let running = true;
    const tick = () => {
      if (!running) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const summary = await runWorkflow(toyOptions(workflow));
    running = false;
    expect(summary.status).toBe('succeeded');
    expect(Object.keys(summary.nodes)).toHaveLength(count);
    // All in microtasks, the whole run would pass without a single turn.
    expect(turns).toBeGreaterThanOrEqual(count / SLICE_NODES - 1);
  });
});
