import { describe, expect, it } from 'vitest';
import type { ImageCallUsage, NodeUsage } from '@atelier/nodes';
import { PRICES, estimateCost, imageCallCost, imageOutputTokens } from './pricing';
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
  model: 'gpt-5',
  inputTokens: 0,
  cachedInputTokens: 0,
  outputTokens: 0,
  imageCalls: [],
  webSearchCalls: 0,
  requests: 1,
  ...overrides,
});

describe('image pricing', () => {
  it('prices a 1024x1024 low gpt-image-1 image at about $0.011', () => {
    expect(imageCallCost(call())).toBeCloseTo(0.011, 3);
  });

  it('prices a 1536x1024 high gpt-image-1 image at about $0.25', () => {
    expect(imageCallCost(call({ size: '1536x1024', quality: 'high' }))).toBeCloseTo(0.25, 2);
  });

  it('uses the published per-image price of gpt-image-1-mini', () => {
    expect(imageCallCost(call({ model: 'gpt-image-1-mini', quality: 'medium' }))).toBe(0.011);
  });

  it('prices gpt-image-1.5 output at $32 per million tokens', () => {
    expect(imageCallCost(call({ model: 'gpt-image-1.5' }))).toBeCloseTo((272 * 32) / 1e6, 9);
  });

  it('falls back to gpt-image-1 rates for an unknown image model', () => {
    expect(imageCallCost(call({ model: 'gpt-image-9' }))).toBe(imageCallCost(call()));
  });

  it('adds 100 output tokens per partial image', () => {
    const extra = imageCallCost(call({ partialImages: 2 })) - imageCallCost(call());
    expect(extra).toBeCloseTo((200 * 40) / 1e6, 9);
  });

  it('adds the estimated image input tokens per input image', () => {
    const extra = imageCallCost(call({ inputImages: 3 })) - imageCallCost(call());
    expect(extra).toBeCloseTo((3 * PRICES.inputImageTokens * 10) / 1e6, 9);
  });

  it('scales a custom size by area from the square figure', () => {
    expect(imageOutputTokens('2048x1024', 'medium')).toBe(2 * 1056);
  });

  it('prices auto size and quality as the configured fallback', () => {
    expect(imageOutputTokens('auto', 'auto')).toBe(4160);
  });
});

describe('estimateCost', () => {
  it('is zero without usage', () => {
    expect(estimateCost(undefined)).toBe(0);
  });

  it('prices gpt-5 tokens, cached input at the cached rate', () => {
    const cost = estimateCost(
      usage({ inputTokens: 1_000_000, cachedInputTokens: 200_000, outputTokens: 100_000 }),
    );
    expect(cost).toBeCloseTo(0.8 * 1.25 + 0.2 * 0.125 + 0.1 * 10, 6);
  });

  it('matches a dated model name to its family by the longest prefix', () => {
    const mini = estimateCost(usage({ model: 'gpt-5-mini-2025-08-07', outputTokens: 1_000_000 }));
    expect(mini).toBe(2);
  });

  it('prices an unknown mainline model like gpt-5', () => {
    const unknown = estimateCost(usage({ model: 'model-x', outputTokens: 1_000_000 }));
    expect(unknown).toBe(10);
  });

  it('adds image calls and web searches', () => {
    const cost = estimateCost(usage({ imageCalls: [call(), call()], webSearchCalls: 1 }));
    expect(cost).toBeCloseTo(2 * 0.01088 + 0.01, 6);
  });

  it('takes a price table override', () => {
    const prices = { ...PRICES, webSearchPerCall: 1 };
    expect(estimateCost(usage({ webSearchCalls: 2 }), prices)).toBe(2);
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

  it('sums node costs from usage and image calls', async () => {
    const summary = await runWorkflow(toyOptions(workflow));
    // 100 input + 20 output gpt-5 tokens, one low 1024² gpt-image-1 image.
    expect(summary.cost).toBeCloseTo((100 * 1.25 + 20 * 10) / 1e6 + 0.01088, 6);
    expect(summary.nodes.g!.cost).toBe(summary.cost);
  });

  it('uses the prices given in RunOptions', async () => {
    const prices = { ...PRICES, textFallback: PRICES.textFallback, text: {}, image: {} };
    prices.imageFallback = { imageInputPer1M: 0, imageOutputPer1M: 0 };
    prices.textFallback = { inputPer1M: 0, cachedInputPer1M: 0, outputPer1M: 0 };
    const summary = await runWorkflow(toyOptions(workflow, { prices }));
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
    });
  });
});
