import type { MainlineModelEntry, ModelDefaults, NodeDefinition, NodeInputs } from '@atelier/nodes';
import { resolveModel } from '@atelier/nodes';
import { DEFAULT_PRICING, estimatedImageCallCost, roundUsd, type Pricing } from './pricing';

/**
 * Mainline tokens allowed for one call in an estimate: the request's instructions, the tool
 * definitions and the text inputs, then the model's reasoning and answer. Generous on purpose:
 * a budget reserves this before the call, and a reservation below the actual cost could let a
 * cap be passed.
 */
const MAINLINE_INPUT_TOKENS = 4000;
const MAINLINE_OUTPUT_TOKENS = 2000;
/**
 * Per web search tool call (a search or a page opened): the page content the model reads,
 * billed as its input, and its reasoning about it. The recorded stream of a broad question
 * made 9 calls for 31k input and 4.4k output tokens.
 */
const SEARCH_INPUT_TOKENS = 4000;
const SEARCH_OUTPUT_TOKENS = 500;
const CHARS_PER_TOKEN = 3;

const isImage = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && 'blob' in value;

const textLength = (inputs: NodeInputs): number => {
  let chars = 0;
  for (const value of Object.values(inputs))
    for (const one of Array.isArray(value) ? value : [value])
      if (typeof one === 'string') chars += one.length;
  return chars;
};

const AREA_1024 = 1024 * 1024;

/** Input images: how many, and their area in 1024×1024 units (an unknown size counts as 1). */
const imageInputs = (inputs: NodeInputs): { count: number; area: number } => {
  let count = 0;
  let area = 0;
  for (const value of Object.values(inputs))
    for (const one of Array.isArray(value) ? value : [value]) {
      if (!isImage(one)) continue;
      count++;
      const { width, height } = one as { width?: unknown; height?: unknown };
      const pixels = typeof width === 'number' && typeof height === 'number' ? width * height : 0;
      area += pixels > 0 ? pixels / AREA_1024 : 1;
    }
  return { count, area };
};

const field = (data: unknown, name: string): unknown =>
  typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[name] : undefined;

/**
 * What one run of a node is expected to cost (USD) before it runs, from the model catalogue:
 * 0 for nodes that call no API; otherwise a mainline allowance, one image for nodes with an
 * image model field (size, quality, partial images and input images priced as
 * `estimatedImageCallCost` does), and for nodes that search, every search their request allows
 * (`maxSearches`) with the pages it reads. Used by the batch preflight
 * and by budgets, which reserve it before the call.
 */
export const estimateNodeCost = (
  definition: NodeDefinition,
  data: unknown,
  inputs: NodeInputs,
  models: ModelDefaults,
  pricing: Pricing = DEFAULT_PRICING,
): number => {
  if (!definition.callsApi) return 0;
  let usd = 0;
  const mainlineField = definition.modelFields?.find((f) => f.family === 'mainline')?.field;
  const mainlineId = resolveModel(mainlineField ? field(data, mainlineField) : '', models.model);
  const mainline =
    pricing.catalogue.find(mainlineId)?.family === 'mainline'
      ? (pricing.catalogue.find(mainlineId) as MainlineModelEntry)
      : (pricing.catalogue.find(pricing.fallback.model) as MainlineModelEntry | undefined);
  // Every search the node may make (its request's max_tool_calls): the tool fee, and pages.
  const searches = definition.maxSearches?.(data) ?? 0;
  if (mainline) {
    const input =
      MAINLINE_INPUT_TOKENS +
      Math.ceil(textLength(inputs) / CHARS_PER_TOKEN) +
      searches * SEARCH_INPUT_TOKENS;
    const output = MAINLINE_OUTPUT_TOKENS + searches * SEARCH_OUTPUT_TOKENS;
    usd += (input * mainline.prices.inputPer1M + output * mainline.prices.outputPer1M) / 1e6;
  }
  const imageField = definition.modelFields?.find((f) => f.family === 'image')?.field;
  if (imageField) {
    const size = field(data, 'size');
    const quality = field(data, 'quality');
    const partials = field(data, 'partial_images');
    const images = imageInputs(inputs);
    usd += estimatedImageCallCost(
      {
        model: resolveModel(field(data, imageField), models.imageModel),
        size: typeof size === 'string' ? size : 'auto',
        quality: typeof quality === 'string' ? quality : 'auto',
        partialImages: typeof partials === 'number' ? partials : 0,
        inputImages: images.count,
        inputImageArea: images.area,
      },
      pricing,
    );
  }
  usd += searches * pricing.webSearchPerCall;
  return roundUsd(usd);
};
