import { describe, expect, it } from 'vitest';
import { allBudgets } from './all-budgets';
import { ApiGate } from './api-gate';
import { runWorkflow } from './run-workflow';
import { SpendingCap } from './spending-cap';
import { flush, heldResponses, toyOptions, toyWorkflow } from './testing';

const asks = (prefix: string, n: number) =>
  toyWorkflow(
    Array.from({ length: n }, (_, i) => ({
      id: `${prefix}${i}`,
      type: 'ask',
      data: { prompt: `${prefix} ${i}` },
    })),
  );

describe('an ApiGate shared by several runs', () => {
  it('bounds their calls in flight together and serves interactive runs before background ones', async () => {
    const { fake, held } = heldResponses();
    const gate = new ApiGate(2);
    const background = runWorkflow(
      toyOptions(asks('row', 4), { responses: fake, gate, priority: 'background' }),
    );
    await flush();
    // The gate's 2 slots, not each run's default 8: the batch row holds both.
    expect(held.map((c) => c.input)).toEqual(['row 0', 'row 1']);
    const interactive = runWorkflow(toyOptions(asks('edit', 2), { responses: fake, gate }));
    await flush();
    expect(held).toHaveLength(2);
    expect(gate.waiting).toBe(4);

    // Each freed slot goes to the person's run first, though the batch waited longer.
    held[0]!.release();
    await flush();
    held[1]!.release();
    await flush();
    expect(held.slice(2).map((c) => c.input)).toEqual(['edit 0', 'edit 1']);
    held[2]!.release();
    held[3]!.release();
    expect((await interactive).status).toBe('succeeded');
    await flush();
    expect(held.slice(4).map((c) => c.input)).toEqual(['row 2', 'row 3']);
    held[4]!.release();
    held[5]!.release();
    expect((await background).status).toBe('succeeded');
    expect(gate.waiting).toBe(0);
  });
});

describe('allBudgets', () => {
  it('reserves from every cap or from none, and says which cap refused', () => {
    const batch = new SpendingCap(10);
    const daily = new SpendingCap(1);
    daily.refusal = (usd) => `daily cap, about $${usd}`;
    const both = allBudgets(batch, daily)!;
    expect(both.reserve(0.6)).toBe(true);
    expect(both.reserve(0.6)).toBe(false);
    // The batch's reservation for the refused call was given back.
    expect(batch.reserved).toBeCloseTo(0.6, 9);
    expect(daily.reserved).toBeCloseTo(0.6, 9);
    expect(both.refusal!(0.6)).toBe('daily cap, about $0.6');
    both.settle(0.6, 0.5);
    expect([batch.spent, daily.spent]).toEqual([0.5, 0.5]);
    expect([batch.reserved, daily.reserved]).toEqual([0, 0]);
  });

  it('is the one cap itself when only one is given', () => {
    const cap = new SpendingCap(1);
    expect(allBudgets(undefined, cap)).toBe(cap);
    expect(allBudgets()).toBeUndefined();
  });
});
