import type { ImageModelEntry, MainlineModelEntry, ModelEntry } from './model-entry';

/**
 * THE model catalogue: names, what each model accepts, prices and lifecycle, as of
 * 2026-12-01 (shared/reference/openai-api-2026-12.md). Nothing else in Atelier names a model
 * or a price. With a real key the server merges the API's own model list over this
 * (`GET /v1/models`, whose entries carry `shutdown_date`): the API's word wins.
 *
 * When OpenAI announces a shutdown: set `lifecycle.shutdownDate` and `replacement` on the
 * model (and its `source`), add the replacement if it is new, and move `DEFAULT_MODELS`
 * off it. Facts marked `3rd-party` come from reports outside OpenAI: likely, unconfirmed.
 */

const STANDARD_FORMATS: ImageModelEntry['accepts']['outputFormats'] = ['png', 'webp', 'jpeg'];

/** gpt-image-2.x custom sizes: multiples of 16, long edge ≤ 3840, ratio ≤ 3:1, 655,360–8,294,400 px. */
const GPT_IMAGE_2_SIZES = {
  multipleOf: 16,
  maxEdge: 3840,
  maxRatio: 3,
  minPixels: 655_360,
  maxPixels: 8_294_400,
};

/** Official per-token prices of every gpt-image-2.x model (2.6-sunburst page; 2.5 pages). */
const GPT_IMAGE_2_PRICES: ImageModelEntry['prices'] = {
  textInputPer1M: 5,
  cachedTextInputPer1M: 1.25,
  imageInputPer1M: 8,
  cachedImageInputPer1M: 2,
  imageOutputPer1M: 30,
  source: 'official',
};

/** Per-quality token counts are not published for 2.x: derived from third-party per-image prices. */
const GPT_IMAGE_2_ESTIMATE: ImageModelEntry['estimate'] = {
  outputTokens1024: { low: 200, medium: 1_770, high: 7_000 },
  inputImageTokens1024: 3_050,
  partialImageTokens: 100,
  source: '3rd-party',
};

/**
 * gpt-image-2.6 uses "3–4 times the tokens of 2.5 at low and medium" (3rd-party, laozhang;
 * openai-api-2026-12.md §2b), 2.5 being the 2.x table above. A budget reserves this before the
 * call and must never be passed, so low and medium are the top of that range (4×: 800 and
 * 7,080), not its middle (the fake bills 3.5×). High, xhigh and max are not published for
 * 2.6: at least the 2.x figures, and high above medium's top.
 */
const GPT_IMAGE_2_6_ESTIMATE: ImageModelEntry['estimate'] = {
  ...GPT_IMAGE_2_ESTIMATE,
  outputTokens1024: { low: 800, medium: 7_080, high: 8_000, xhigh: 11_000, max: 14_000 },
};

const gptImage2x = (
  id: string,
  opts: Partial<Pick<ImageModelEntry, 'snapshots' | 'lifecycle' | 'estimate'>> & {
    transparent: ImageModelEntry['accepts']['transparent'];
    xhighMax: boolean;
    complexity: boolean;
  },
): ImageModelEntry => ({
  id,
  family: 'image',
  ...(opts.snapshots ? { snapshots: opts.snapshots } : {}),
  lifecycle: opts.lifecycle ?? {},
  accepts: {
    customSizes: GPT_IMAGE_2_SIZES,
    qualities: [
      'auto',
      'low',
      'medium',
      'high',
      ...(opts.xhighMax ? (['xhigh', 'max'] as const) : []),
    ],
    transparent: opts.transparent,
    inputFidelity: [],
    complexity: opts.complexity,
    action: true,
    outputFormats: STANDARD_FORMATS,
  },
  prices: GPT_IMAGE_2_PRICES,
  estimate: opts.estimate ?? {
    ...GPT_IMAGE_2_ESTIMATE,
    outputTokens1024: opts.xhighMax
      ? { ...GPT_IMAGE_2_ESTIMATE.outputTokens1024, xhigh: 10_500, max: 14_000 }
      : GPT_IMAGE_2_ESTIMATE.outputTokens1024,
  },
});

/** The gpt-image-1 generation: standard sizes only, input_fidelity, per-image published tables. */
const gptImage1x = (
  id: string,
  lifecycle: ImageModelEntry['lifecycle'],
  prices: Omit<ImageModelEntry['prices'], 'source'> & {
    source?: ImageModelEntry['prices']['source'];
  },
  fidelity: ImageModelEntry['accepts']['inputFidelity'],
  snapshots?: string[],
): ImageModelEntry => ({
  id,
  family: 'image',
  ...(snapshots ? { snapshots } : {}),
  lifecycle,
  accepts: {
    qualities: ['auto', 'low', 'medium', 'high'],
    transparent: 'yes',
    inputFidelity: fidelity,
    complexity: false,
    action: true,
    outputFormats: STANDARD_FORMATS,
  },
  prices: { source: 'official', ...prices },
  estimate: {
    outputTokens1024: { low: 272, medium: 1_056, high: 4_160 },
    inputImageTokens1024: 3_050,
    partialImageTokens: 100,
    source: '3rd-party',
  },
});

const SHUT_DOWN_2026_12_01 = { shutdownDate: '2026-12-01', source: 'official' } as const;

export const IMAGE_MODELS: ImageModelEntry[] = [
  gptImage2x('gpt-image-2.6-sunburst', {
    transparent: 'yes',
    xhighMax: false,
    complexity: true,
    estimate: GPT_IMAGE_2_6_ESTIMATE,
  }),
  gptImage2x('gpt-image-2.6-flare', {
    transparent: 'yes',
    xhighMax: false,
    complexity: true,
    estimate: GPT_IMAGE_2_6_ESTIMATE,
  }),
  gptImage2x('gpt-image-2.5-sunburst', {
    snapshots: ['gpt-image-2.5-sunburst-2026-09-08'],
    transparent: 'yes',
    xhighMax: true,
    complexity: false,
  }),
  gptImage2x('gpt-image-2.5-flare', {
    snapshots: ['gpt-image-2.5-flare-2026-09-08'],
    transparent: 'yes',
    xhighMax: true,
    complexity: false,
  }),
  gptImage2x('gpt-image-2', {
    snapshots: ['gpt-image-2-2026-04-21'],
    // Reported deprecated on 2026-11-10 (modelpin 0.5.4): third-party, unconfirmed.
    lifecycle: {
      shutdownDate: '2027-02-10',
      replacement: 'gpt-image-2.6-sunburst',
      source: '3rd-party',
    },
    transparent: 'preview',
    xhighMax: false,
    complexity: false,
  }),
  gptImage1x(
    'gpt-image-1.5',
    { ...SHUT_DOWN_2026_12_01, replacement: 'gpt-image-2.6-sunburst' },
    // Never officially published; a community derivation.
    {
      textInputPer1M: 5,
      cachedTextInputPer1M: 1.25,
      imageInputPer1M: 8,
      cachedImageInputPer1M: 2,
      imageOutputPer1M: 32,
      source: '3rd-party',
    },
    ['low', 'high'],
    ['gpt-image-1.5-2025-12-16'],
  ),
  gptImage1x(
    'gpt-image-1-mini',
    { ...SHUT_DOWN_2026_12_01, replacement: 'gpt-image-2.6-flare' },
    {
      textInputPer1M: 2,
      cachedTextInputPer1M: 0.2,
      imageInputPer1M: 2.5,
      cachedImageInputPer1M: 0.25,
      imageOutputPer1M: 8,
    },
    ['low'],
  ),
  gptImage1x(
    'chatgpt-image-latest',
    { ...SHUT_DOWN_2026_12_01, replacement: 'gpt-image-2.6-sunburst' },
    {
      textInputPer1M: 5,
      cachedTextInputPer1M: 1.25,
      imageInputPer1M: 8,
      cachedImageInputPer1M: 2,
      imageOutputPer1M: 32,
      source: '3rd-party',
    },
    ['low', 'high'],
  ),
  gptImage1x(
    'gpt-image-1',
    { shutdownDate: '2026-10-23', replacement: 'gpt-image-2.6-sunburst', source: 'official' },
    {
      textInputPer1M: 5,
      cachedTextInputPer1M: 1.25,
      imageInputPer1M: 10,
      cachedImageInputPer1M: 2.5,
      imageOutputPer1M: 40,
    },
    ['low', 'high'],
  ),
];

const mainline = (
  id: string,
  prices: Omit<MainlineModelEntry['prices'], 'source'> & {
    source?: MainlineModelEntry['prices']['source'];
  },
  lifecycle: MainlineModelEntry['lifecycle'] = {},
  imageTool = true,
): MainlineModelEntry => ({
  id,
  family: 'mainline',
  lifecycle,
  imageTool,
  prices: { source: 'official', ...prices },
});

const GPT_5_SHUTDOWN = { shutdownDate: '2026-12-11', source: 'official' } as const;
const GPT_4_SHUTDOWN = { shutdownDate: '2027-01-14', source: 'official' } as const;
const SHUT_DOWN_2026_10_23 = { shutdownDate: '2026-10-23', source: 'official' } as const;

export const MAINLINE_MODELS: MainlineModelEntry[] = [
  // The official replacement of gpt-5; its price is quoted by gateways citing the official page.
  mainline('gpt-6.1-sol', {
    inputPer1M: 2,
    cachedInputPer1M: 0.1,
    outputPer1M: 10,
    source: '3rd-party',
  }),
  mainline('gpt-6.2-sol', {
    inputPer1M: 2,
    cachedInputPer1M: 0.1,
    cacheWritePer1M: 2.5,
    outputPer1M: 10,
  }),
  mainline('gpt-6.1-terra', {
    inputPer1M: 1,
    cachedInputPer1M: 0.05,
    outputPer1M: 5,
    source: '3rd-party',
  }),
  mainline('gpt-6-luna', {
    inputPer1M: 0.1,
    cachedInputPer1M: 0.01,
    outputPer1M: 0.5,
    source: '3rd-party',
  }),
  // Cached input not published: priced like input (an over-estimate, never an under-one).
  mainline('gpt-6-astra', { inputPer1M: 10, cachedInputPer1M: 10, outputPer1M: 50 }),
  mainline('gpt-5.6-sol', { inputPer1M: 4, cachedInputPer1M: 0.4, outputPer1M: 20 }),
  mainline('gpt-5.6-terra', { inputPer1M: 2, cachedInputPer1M: 0.2, outputPer1M: 12 }),
  mainline('gpt-5.6-luna', { inputPer1M: 0.2, cachedInputPer1M: 0.02, outputPer1M: 1.2 }),
  mainline(
    'gpt-5',
    { inputPer1M: 1.25, cachedInputPer1M: 0.125, outputPer1M: 10 },
    { ...GPT_5_SHUTDOWN, replacement: 'gpt-6.1-sol' },
  ),
  mainline(
    'gpt-5-mini',
    { inputPer1M: 0.25, cachedInputPer1M: 0.025, outputPer1M: 2 },
    { ...GPT_5_SHUTDOWN, replacement: 'gpt-6.1-terra' },
  ),
  mainline(
    'gpt-5-nano',
    { inputPer1M: 0.05, cachedInputPer1M: 0.005, outputPer1M: 0.4 },
    { ...GPT_5_SHUTDOWN, replacement: 'gpt-6-luna' },
  ),
  mainline(
    'o3',
    { inputPer1M: 2, cachedInputPer1M: 0.5, outputPer1M: 8 },
    { ...GPT_5_SHUTDOWN, replacement: 'gpt-6.1-terra' },
  ),
  mainline(
    'gpt-4.1',
    { inputPer1M: 2, cachedInputPer1M: 0.5, outputPer1M: 8 },
    { ...GPT_4_SHUTDOWN, replacement: 'gpt-6.1-sol' },
  ),
  mainline(
    'gpt-4.1-mini',
    { inputPer1M: 0.4, cachedInputPer1M: 0.1, outputPer1M: 1.6 },
    { ...GPT_4_SHUTDOWN, replacement: 'gpt-6.1-terra' },
  ),
  mainline(
    'gpt-4o',
    { inputPer1M: 2.5, cachedInputPer1M: 1.25, outputPer1M: 10 },
    { ...GPT_4_SHUTDOWN, replacement: 'gpt-6.1-sol' },
  ),
  mainline(
    'gpt-4o-mini',
    { inputPer1M: 0.15, cachedInputPer1M: 0.075, outputPer1M: 0.6 },
    { ...GPT_4_SHUTDOWN, replacement: 'gpt-6-luna' },
  ),
  mainline(
    'gpt-4.1-nano',
    { inputPer1M: 0.1, cachedInputPer1M: 0.025, outputPer1M: 0.4 },
    { ...SHUT_DOWN_2026_10_23, replacement: 'gpt-6-luna' },
  ),
  mainline(
    'o4-mini',
    { inputPer1M: 1.1, cachedInputPer1M: 0.275, outputPer1M: 4.4 },
    { ...SHUT_DOWN_2026_10_23, replacement: 'gpt-6.1-terra' },
  ),
];

export const MODEL_CATALOGUE: readonly ModelEntry[] = [...IMAGE_MODELS, ...MAINLINE_MODELS];

/**
 * Live defaults (configurable with ATELIER_MODEL / ATELIER_IMAGE_MODEL): the API's own image
 * tool default, and OpenAI's named replacement of gpt-5.
 */
export const DEFAULT_MODELS = {
  model: 'gpt-6.1-sol',
  imageModel: 'gpt-image-2.6-sunburst',
} as const;

/** USD per billable web search ($10 per 1,000; `tool_usage.web_search.num_requests`). */
export const WEB_SEARCH_PER_CALL = 0.01;
