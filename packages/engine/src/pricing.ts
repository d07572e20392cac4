import type {
  ImageCallUsage,
  ImageModelEntry,
  ImageToolTokens,
  MainlineModelEntry,
  ModelDefaults,
  NodeUsage,
} from '@atelier/nodes';
import { DEFAULT_MODELS, STATIC_CATALOGUE, WEB_SEARCH_PER_CALL } from '@atelier/nodes';
import type { ModelCatalogue } from '@atelier/nodes';

/**
 * Cost in USD from usage, with every price read from the model catalogue. Exact where the API
 * reported what it billed (`usage` for the mainline model, `tool_usage` for the image tool and
 * web search), an estimate — and flagged as one — where it did not or the model is not
 * catalogued.
 */
export interface Pricing {
  catalogue: ModelCatalogue;
  /** Priced in place of an uncatalogued model (flagged as an estimate). */
  fallback: ModelDefaults;
  webSearchPerCall: number;
  /** What `auto` size and quality are estimated as when the response did not resolve them. */
  autoSize: string;
  autoQuality: 'low' | 'medium' | 'high';
}

export const DEFAULT_PRICING: Pricing = {
  catalogue: STATIC_CATALOGUE,
  fallback: DEFAULT_MODELS,
  webSearchPerCall: WEB_SEARCH_PER_CALL,
  autoSize: '1024x1024',
  autoQuality: 'high',
};

export interface Cost {
  usd: number;
  /** Not from the API's own counts (no `tool_usage`, or a model the catalogue lacks). */
  estimated: boolean;
}

const perMillion = (tokens: number, usdPer1M: number): number => (tokens * usdPer1M) / 1e6;

const mainlinePrices = (model: string, pricing: Pricing) => {
  const entry = pricing.catalogue.find(model);
  if (entry?.family === 'mainline') return { entry, known: true };
  const fallback = pricing.catalogue.find(pricing.fallback.model) as MainlineModelEntry;
  return { entry: fallback, known: false };
};

const imagePrices = (model: string, pricing: Pricing) => {
  const entry = pricing.catalogue.find(model);
  if (entry?.family === 'image') return { entry, known: true };
  const fallback = pricing.catalogue.find(pricing.fallback.imageModel) as ImageModelEntry;
  return { entry: fallback, known: false };
};

/** USD of image-tool tokens the API reported (`tool_usage.image_gen`). */
export const imageTokensCost = (tokens: ImageToolTokens, entry: ImageModelEntry): number => {
  const p = entry.prices;
  return (
    perMillion(tokens.textInput, p.textInputPer1M) +
    perMillion(tokens.cachedTextInput, p.cachedTextInputPer1M) +
    perMillion(tokens.imageInput, p.imageInputPer1M) +
    perMillion(tokens.cachedImageInput, p.cachedImageInputPer1M) +
    perMillion(tokens.output, p.imageOutputPer1M)
  );
};

const AREA_1024 = 1024 * 1024;
const areaOf = (size: string): number | undefined => {
  const match = /^(\d+)x(\d+)$/.exec(size);
  return match ? Number(match[1]) * Number(match[2]) : undefined;
};

/**
 * Estimated image output tokens of one image: the model's 1024×1024 figure for the quality,
 * scaled by area (OpenAI publishes no per-size table for the gpt-image-2 family).
 */
export const estimatedOutputTokens = (
  entry: ImageModelEntry,
  size: string,
  quality: string,
  pricing: Pricing = DEFAULT_PRICING,
): number => {
  const table = entry.estimate.outputTokens1024;
  const resolvedQuality = quality in table ? (quality as keyof typeof table) : pricing.autoQuality;
  const square = table[resolvedQuality] ?? table.high ?? 0;
  const area = areaOf(!size || size === 'auto' ? pricing.autoSize : size) ?? AREA_1024;
  return Math.round((square * area) / AREA_1024);
};

/** Estimated USD of one image call when the API reported no tokens for it. */
export const estimatedImageCallCost = (
  call: ImageCallUsage,
  pricing: Pricing = DEFAULT_PRICING,
): number => {
  const { entry } = imagePrices(call.model, pricing);
  const output =
    estimatedOutputTokens(entry, call.size, call.quality, pricing) +
    call.partialImages * entry.estimate.partialImageTokens;
  const input = Math.ceil(
    (call.inputImageArea ?? call.inputImages) * entry.estimate.inputImageTokens1024,
  );
  return (
    perMillion(output, entry.prices.imageOutputPer1M) +
    perMillion(input, entry.prices.imageInputPer1M)
  );
};

/** The cost of a node's usage: mainline tokens, image tool, web searches. */
export const costOf = (usage: NodeUsage | undefined, pricing: Pricing = DEFAULT_PRICING): Cost => {
  if (!usage) return { usd: 0, estimated: false };
  let estimated = false;

  const mainline = mainlinePrices(usage.model, pricing);
  if (!mainline.known && usage.inputTokens + usage.outputTokens > 0) estimated = true;
  const p = mainline.entry.prices;
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const writes = Math.min(usage.cacheWriteTokens ?? 0, usage.inputTokens - cached);
  let usd =
    perMillion(usage.inputTokens - cached - writes, p.inputPer1M) +
    perMillion(cached, p.cachedInputPer1M) +
    perMillion(writes, p.cacheWritePer1M ?? p.inputPer1M) +
    perMillion(usage.outputTokens, p.outputPer1M);

  if (usage.imageTokens) {
    const image = imagePrices(usage.imageTokens.model, pricing);
    if (!image.known) estimated = true;
    usd += imageTokensCost(usage.imageTokens, image.entry);
  } else if (usage.imageCalls.length > 0) {
    estimated = true;
    for (const call of usage.imageCalls) usd += estimatedImageCallCost(call, pricing);
  }

  if (usage.webSearchCalls > 0 && !usage.webSearchExact) estimated = true;
  usd += usage.webSearchCalls * pricing.webSearchPerCall;
  return { usd: roundUsd(usd), estimated };
};

/** USD of a node's usage (see costOf for whether it is exact). */
export const estimateCost = (usage: NodeUsage | undefined, pricing?: Pricing): number =>
  costOf(usage, pricing).usd;

/** Rounded to a millionth of a dollar so sums do not show float noise. */
export const roundUsd = (usd: number): number => Math.round(usd * 1e6) / 1e6;
