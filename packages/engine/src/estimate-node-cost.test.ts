import type { BlobId, ImageValue } from '@atelier/graph';
import { DEFAULT_MODELS, registry, WEB_SEARCH_MAX_TOOL_CALLS } from '@atelier/nodes';
import { describe, expect, it } from 'vitest';
import { estimateNodeCost } from './estimate-node-cost';
import { costOf } from './pricing';

const webSearch = registry.get('web_search')!;
const generate = registry.get('generate')!;

describe('estimateNodeCost for nodes that search', () => {
  it('covers a search that uses every tool call its request allows, at the recorded rate', () => {
    // The recorded stream (reference/recorded-streams): 9 tool calls read 31,073 input tokens
    // and wrote 4,416; scaled to the node's cap, with every call a billable search.
    const calls = WEB_SEARCH_MAX_TOOL_CALLS;
    const worst = costOf({
      model: DEFAULT_MODELS.model,
      inputTokens: Math.ceil((31_073 / 9) * calls),
      cachedInputTokens: 0,
      outputTokens: Math.ceil((4_416 / 9) * calls),
      imageCalls: [],
      webSearchCalls: calls,
      webSearchExact: true,
      requests: 1,
    }).usd;
    const estimate = estimateNodeCost(webSearch, { query: 'weather in Oslo' }, {}, DEFAULT_MODELS);
    expect(estimate).toBeGreaterThanOrEqual(worst);
  });

  it('reserves the searches of an image node only when its web search is on', () => {
    const data = { size: '1024x1024', quality: 'low' };
    const plain = estimateNodeCost(generate, data, { prompt: 'a kite' }, DEFAULT_MODELS);
    const searching = estimateNodeCost(
      generate,
      { ...data, web_search: true },
      { prompt: 'a kite' },
      DEFAULT_MODELS,
    );
    expect(generate.maxSearches?.({ ...data, web_search: true })).toBe(3);
    expect(searching).toBeGreaterThan(plain + 3 * 0.01);
  });
});

describe('estimateNodeCost for input images', () => {
  const edit = registry.get('edit')!;
  const image = (width: number, height: number): ImageValue => ({
    blob: 'b'.repeat(64) as BlobId,
    mime: 'image/png',
    width,
    height,
  });
  const estimate = (width: number, height: number) =>
    estimateNodeCost(
      edit,
      { size: '1024x1024', quality: 'low' },
      { image: image(width, height), instruction: 'at night' },
      DEFAULT_MODELS,
    );

  it('reads them by area, as the API bills them (3,050 tokens per 1024², $8/M)', () => {
    // A 2048² input is four 1024² ones: three more of them than a 1024² input.
    expect(estimate(2048, 2048) - estimate(1024, 1024)).toBeCloseTo((3 * 3050 * 8) / 1e6, 6);
    expect(estimate(1024, 1024) - estimate(512, 512)).toBeCloseTo((0.75 * 3050 * 8) / 1e6, 5);
  });

  it('counts an image of unknown size (a preflight placeholder) as 1024²', () => {
    expect(estimate(0, 0)).toBe(estimate(1024, 1024));
  });
});
