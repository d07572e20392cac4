import { describe, expect, it } from 'vitest';
import { estimateNodeCost } from './estimate-node-cost';
import { runWorkflow } from './run-workflow';
import { SpendingCap } from './spending-cap';
import { askNode, flush, heldResponses, toyOptions, toyWorkflow } from './testing';

const models = { model: 'gpt-6.1-sol', imageModel: 'gpt-image-2.6-sunburst' };

describe('a spending cap on a run', () => {
  it('never lets calls in flight together reserve past the cap, and refuses the rest before any call', async () => {
    const { fake, held } = heldResponses();
    const workflow = toyWorkflow(
      Array.from({ length: 12 }, (_, i) => ({
        id: `n${i}`,
        type: 'ask',
        data: { prompt: `p${i}` },
      })),
    );
    const each = estimateNodeCost(askNode as never, { prompt: 'p1' }, {}, models);
    expect(each).toBeGreaterThan(0);
    const cap = new SpendingCap(each * 5.5);
    const done = runWorkflow(
      toyOptions(workflow, { responses: fake, concurrency: 8, budget: cap }),
    );
    await flush();
    // 8 slots, but the cap covers 5 estimates: only 5 calls reached the API.
    expect(held).toHaveLength(5);
    expect(cap.reserved).toBeCloseTo(each * 5, 6);
    held.forEach((call) => call.release());
    const summary = await done;
    const statuses = Object.values(summary.nodes).map((n) => n.error?.code ?? n.status);
    expect(statuses.filter((s) => s === 'succeeded')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'budget_reached')).toHaveLength(7);
    expect(cap.peak).toBeLessThanOrEqual(cap.maxCost!);
    expect(cap.reserved).toBe(0);
    expect(cap.spent).toBeCloseTo(summary.cost, 6);
    expect(cap.refused).toBe(true);
  });

  it('reserves nothing for a cache hit', async () => {
    const workflow = toyWorkflow([{ id: 'a', type: 'ask', data: { prompt: 'x' } }]);
    const options = toyOptions(workflow);
    await runWorkflow(options);
    const cap = new SpendingCap(0);
    const summary = await runWorkflow({ ...options, budget: cap });
    expect(summary.nodes.a!.cached).toBe(true);
    expect(cap.refused).toBe(false);
  });
});
