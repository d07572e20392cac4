import type { ImageCallUsage, NodeUsage } from '@atelier/nodes';

/**
 * The one place prices live (USD). Figures from reference/openai-responses.md §10 and the
 * public price pages as captured; check them against your own billing. Estimates only:
 * `response.usage` covers the mainline model, so each image tool call is priced from its
 * resolved size and quality.
 */

export type Quality = 'low' | 'medium' | 'high';

export interface TextModelPrice {
  /** USD per 1 M tokens. */
  inputPer1M: number;
  cachedInputPer1M: number;
  outputPer1M: number;
}

export interface ImageModelPrice {
  /** USD per 1 M image input tokens (input images of an edit / references). */
  imageInputPer1M: number;
  /** USD per 1 M image output tokens. */
  imageOutputPer1M: number;
  /** Published per-image prices, used instead of tokens × rate where they exist. */
  perImage?: Partial<Record<Quality, Record<string, number>>>;
  /** The figure is a community derivation, not an official price. */
  unconfirmed?: boolean;
}

export interface Prices {
  /** Mainline models, matched by the longest name prefix ("gpt-5-mini-2025-08-07" → gpt-5-mini). */
  text: Record<string, TextModelPrice>;
  /** Used for mainline models not in `text`. */
  textFallback: TextModelPrice;
  /** Image models, matched by the longest name prefix. */
  image: Record<string, ImageModelPrice>;
  /** Used for image models not in `image` (gpt-image-2 has no published table yet). */
  imageFallback: ImageModelPrice;
  /** Image output tokens by quality and size (the gpt-image-1 table of §10). */
  imageOutputTokens: Record<Quality, Record<string, number>>;
  /** Reported extra output tokens per streamed partial image (unconfirmed). */
  partialImageTokens: number;
  /**
   * Estimated image input tokens per input image: 765, what a 1024×1024 image costs at
   * `detail: high` under the tiling rule (85 + 4 tiles × 170). Real inputs vary with size and
   * input_fidelity; the API does not report them in `usage`.
   */
  inputImageTokens: number;
  /** USD per web_search tool call ($10 per 1 000 calls). */
  webSearchPerCall: number;
  /** What `auto` is priced as when the response did not resolve it. */
  autoSize: string;
  autoQuality: Quality;
}

const GPT_IMAGE_1: ImageModelPrice = { imageInputPer1M: 10, imageOutputPer1M: 40 };

export const PRICES: Prices = {
  text: {
    'gpt-5': { inputPer1M: 1.25, cachedInputPer1M: 0.125, outputPer1M: 10 },
    'gpt-5-mini': { inputPer1M: 0.25, cachedInputPer1M: 0.025, outputPer1M: 2 },
    'gpt-5-nano': { inputPer1M: 0.05, cachedInputPer1M: 0.005, outputPer1M: 0.4 },
    'gpt-4.1': { inputPer1M: 2, cachedInputPer1M: 0.5, outputPer1M: 8 },
    'gpt-4.1-mini': { inputPer1M: 0.4, cachedInputPer1M: 0.1, outputPer1M: 1.6 },
    'gpt-4.1-nano': { inputPer1M: 0.1, cachedInputPer1M: 0.025, outputPer1M: 0.4 },
    'gpt-4o': { inputPer1M: 2.5, cachedInputPer1M: 1.25, outputPer1M: 10 },
    'gpt-4o-mini': { inputPer1M: 0.15, cachedInputPer1M: 0.075, outputPer1M: 0.6 },
    o3: { inputPer1M: 2, cachedInputPer1M: 0.5, outputPer1M: 8 },
    'o4-mini': { inputPer1M: 1.1, cachedInputPer1M: 0.275, outputPer1M: 4.4 },
  },
  // Unknown mainline models are priced like gpt-5 (the default model).
  textFallback: { inputPer1M: 1.25, cachedInputPer1M: 0.125, outputPer1M: 10 },
  image: {
    'gpt-image-1': GPT_IMAGE_1,
    'gpt-image-1-mini': {
      imageInputPer1M: 2.5,
      imageOutputPer1M: 8,
      perImage: {
        low: { '1024x1024': 0.005, '1024x1536': 0.006, '1536x1024': 0.006 },
        medium: { '1024x1024': 0.011, '1024x1536': 0.015, '1536x1024': 0.015 },
        high: { '1024x1024': 0.036, '1024x1536': 0.052, '1536x1024': 0.052 },
      },
    },
    // $32 / 1 M output is a community derivation; input rate assumed in the same ratio.
    'gpt-image-1.5': { imageInputPer1M: 8, imageOutputPer1M: 32, unconfirmed: true },
  },
  // Unknown image models (gpt-image-2 and later) fall back to gpt-image-1 rates.
  imageFallback: { ...GPT_IMAGE_1, unconfirmed: true },
  imageOutputTokens: {
    low: { '1024x1024': 272, '1024x1536': 408, '1536x1024': 400 },
    medium: { '1024x1024': 1056, '1024x1536': 1584, '1536x1024': 1568 },
    high: { '1024x1024': 4160, '1024x1536': 6240, '1536x1024': 6208 },
  },
  partialImageTokens: 100,
  inputImageTokens: 765,
  webSearchPerCall: 0.01,
  autoSize: '1024x1024',
  autoQuality: 'high',
};

const byLongestPrefix = <T>(table: Record<string, T>, model: string): T | undefined => {
  let best: string | undefined;
  for (const name of Object.keys(table))
    if (model.startsWith(name) && (best === undefined || name.length > best.length)) best = name;
  return best === undefined ? undefined : table[best];
};

const asQuality = (quality: string, prices: Prices): Quality =>
  quality === 'low' || quality === 'medium' || quality === 'high' ? quality : prices.autoQuality;

/**
 * Output tokens of one image: from the table for the standard sizes; a custom `WxH`
 * (gpt-image-2) scales the square figure by area, an estimate until a table is published.
 */
export const imageOutputTokens = (size: string, quality: string, prices = PRICES): number => {
  const table = prices.imageOutputTokens[asQuality(quality, prices)];
  const resolved = size === 'auto' || !size ? prices.autoSize : size;
  const exact = table[resolved];
  if (exact !== undefined) return exact;
  const match = /^(\d+)x(\d+)$/.exec(resolved);
  const square = table['1024x1024'] ?? 0;
  if (!match) return square;
  return Math.round((square * Number(match[1]) * Number(match[2])) / (1024 * 1024));
};

/** Estimated USD of one image_generation call. */
export const imageCallCost = (call: ImageCallUsage, prices = PRICES): number => {
  const rates = byLongestPrefix(prices.image, call.model) ?? prices.imageFallback;
  const quality = asQuality(call.quality, prices);
  const size = call.size === 'auto' || !call.size ? prices.autoSize : call.size;
  const image =
    rates.perImage?.[quality]?.[size] ??
    (imageOutputTokens(size, quality, prices) * rates.imageOutputPer1M) / 1e6;
  const partials = (call.partialImages * prices.partialImageTokens * rates.imageOutputPer1M) / 1e6;
  const inputs = (call.inputImages * prices.inputImageTokens * rates.imageInputPer1M) / 1e6;
  return image + partials + inputs;
};

/** Estimated USD of a node's usage: mainline tokens + image calls + web searches. */
export const estimateCost = (usage: NodeUsage | undefined, prices: Prices = PRICES): number => {
  if (!usage) return 0;
  const text = byLongestPrefix(prices.text, usage.model) ?? prices.textFallback;
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const tokens =
    ((usage.inputTokens - cached) * text.inputPer1M +
      cached * text.cachedInputPer1M +
      usage.outputTokens * text.outputPer1M) /
    1e6;
  const images = usage.imageCalls.reduce((sum, call) => sum + imageCallCost(call, prices), 0);
  return roundUsd(tokens + images + usage.webSearchCalls * prices.webSearchPerCall);
};

/** Rounded to a millionth of a dollar so sums do not show float noise. */
export const roundUsd = (usd: number): number => Math.round(usd * 1e6) / 1e6;
