import { describe, expect, it } from 'vitest';
import type { ImageCallUsage, NodeUsage } from '@atelier/nodes';
import { ModelCatalogue, MODEL_CATALOGUE } from '@atelier/nodes';
import { DEFAULT_PRICING, costOf, estimateCost, estimatedImageCallCost } from './pricing';
import { runWorkflow } from './run-workflow';
import { toyOptions, toyWorkflow } from './testing';

const call = (overrides: Partial<ImageCallUsage> = {}): ImageCallUsage => ({
  model: 'gpt-image-1',
  size: '1024x1024',
  quality: 'low',
  partialImages: 0,
  inputImages: 0,
  ...overrides,
});

const usage = (overrides: Partial<NodeUsage> = {}): NodeUsage => ({
  model: 'gpt-6.1-sol',
  inputTokens: 0,
  cachedInputTokens: 0,
  outputTokens: 0,
  imageCalls: [],
  webSearchCalls: 0,
  requests: 1,
  ...overrides,
});

describe('exact cost from the API’s own counts', () => {
  it('prices gpt-image-2.x tool tokens: text $5, cached $1.25, image in $8, cached $2, out $30', () => {
    const cost = costOf(
      usage({
        imageCalls: [call({ model: 'gpt-image-2.6-sunburst' })],
        imageTokens: {
          model: 'gpt-image-2.6-sunburst',
          textInput: 1_000_000,
          cachedTextInput: 1_000_000,
          imageInput: 1_000_000,
          cachedImageInput: 1_000_000,
          output: 1_000_000,
        },
      }),
    );
    expect(cost).toEqual({ usd: 5 + 1.25 + 8 + 2 + 30, estimated: false });
  });

  it('prices mainline tokens with cached input and cache writes at their own rates', () => {
    const cost = costOf(
      usage({
        model: 'gpt-6.2-sol',
        inputTokens: 3_000_000,
        cachedInputTokens: 1_000_000,
        cacheWriteTokens: 1_000_000,
        outputTokens: 1_000_000,
      }),
    );
    expect(cost).toEqual({ usd: 2 + 0.1 + 2.5 + 10, estimated: false });
  });

  it('prices billable searches from tool_usage exactly at $10 per 1,000', () => {
    expect(costOf(usage({ webSearchCalls: 3, webSearchExact: true }))).toEqual({
      usd: 0.03,
      estimated: false,
    });
  });

  it('never prices a model by another’s prefix: gpt-5.6-sol is not gpt-5', () => {
    const sol = estimateCost(usage({ model: 'gpt-5.6-sol', outputTokens: 1_000_000 }));
    const five = estimateCost(usage({ model: 'gpt-5', outputTokens: 1_000_000 }));
    expect([sol, five]).toEqual([20, 10]);
  });

  it('prices a dated snapshot as its model', () => {
    expect(estimateCost(usage({ model: 'gpt-6.1-sol-2026-11-20', outputTokens: 1_000_000 }))).toBe(
      10,
    );
  });
});

describe('estimates, flagged as such', () => {
  it('flags image calls without tool_usage as an estimate', () => {
    const cost = costOf(usage({ imageCalls: [call({ model: 'gpt-image-2.6-sunburst' })] }));
    expect(cost.estimated).toBe(true);
    // The top of the reference's 3–4× range: 800 low tokens at 1024².
    expect(cost.usd).toBeCloseTo((800 * 30) / 1e6, 9);
  });

  it('flags an uncatalogued mainline model, priced like the default model', () => {
    const cost = costOf(usage({ model: 'model-x', outputTokens: 1_000_000 }));
    expect(cost).toEqual({ usd: 10, estimated: true });
  });

  it('flags searches counted from the output items', () => {
    expect(costOf(usage({ webSearchCalls: 1 }))).toEqual({ usd: 0.01, estimated: true });
  });

  it('prices a 1024x1024 low gpt-image-1 image at about $0.011', () => {
    expect(estimatedImageCallCost(call())).toBeCloseTo(0.011, 3);
  });

  it('scales custom sizes by area and adds partial and input image tokens', () => {
    const base = estimatedImageCallCost(call({ model: 'gpt-image-2.5-flare', quality: 'medium' }));
    const wide = estimatedImageCallCost(
      call({ model: 'gpt-image-2.5-flare', quality: 'medium', size: '2048x1024' }),
    );
    expect(wide).toBeCloseTo(2 * base, 9);
    const extra =
      estimatedImageCallCost(
        call({ model: 'gpt-image-2.5-flare', partialImages: 2, inputImages: 1 }),
      ) - estimatedImageCallCost(call({ model: 'gpt-image-2.5-flare' }));
    expect(extra).toBeCloseTo((200 * 30 + 3_050 * 8) / 1e6, 9);
  });

  it('prices xhigh and max above high', () => {
    const of = (quality: string) =>
      estimatedImageCallCost(call({ model: 'gpt-image-2.5-sunburst', quality }));
    expect(of('max')).toBeGreaterThan(of('xhigh'));
    expect(of('xhigh')).toBeGreaterThan(of('high'));
  });

  it('returns zero and exact for no usage', () => {
    expect(costOf(undefined)).toEqual({ usd: 0, estimated: false });
  });
});

describe('run cost', () => {
  const workflow = toyWorkflow(
    [
      { id: 'p', type: 'text', data: { text: 'a cat' } },
      { id: 'g', type: 'paint', data: { size: '1024x1024', quality: 'low' } },
    ],
    ['p.text -> g.prompt'],
  );

  it('sums node costs from usage and image calls, and says the sum holds an estimate', async () => {
    const summary = await runWorkflow(toyOptions(workflow));
    // 100 input + 20 output gpt-6.1-sol tokens, one low 1024² gpt-image-2.6 image, estimated.
    expect(summary.cost).toBeCloseTo((100 * 2 + 20 * 10 + 800 * 30) / 1e6, 6);
    expect(summary.nodes.g!.cost).toBe(summary.cost);
    expect([summary.usage.costEstimated, summary.nodes.g!.usage?.costEstimated]).toEqual([
      true,
      true,
    ]);
  });

  it('uses the pricing given in RunOptions', async () => {
    const free = new ModelCatalogue(
      MODEL_CATALOGUE.map((m) =>
        m.family === 'image'
          ? { ...m, estimate: { ...m.estimate, outputTokens1024: { low: 0, high: 0 } } }
          : { ...m, prices: { ...m.prices, inputPer1M: 0, outputPer1M: 0 } },
      ),
    );
    const summary = await runWorkflow(
      toyOptions(workflow, { pricing: { ...DEFAULT_PRICING, catalogue: free } }),
    );
    expect(summary.cost).toBe(0);
  });

  it('adds usage to the run summary', async () => {
    const summary = await runWorkflow(toyOptions(workflow));
    expect(summary.usage).toEqual({
      inputTokens: 100,
      outputTokens: 20,
      imageCalls: 1,
      webSearchCalls: 0,
      requests: 1,
      costEstimated: true,
    });
  });
});
