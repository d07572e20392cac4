/**
 * The shape of one model in the catalogue (catalogue.ts). Everything Atelier decides about a
 * model — what it accepts, what it costs, whether it is still alive — is read from here.
 */

/** ISO date (`YYYY-MM-DD`, UTC). */
export type IsoDate = string;

/** Where a fact comes from: OpenAI's own pages/SDK, or a report outside OpenAI. */
export type Source = 'official' | '3rd-party';

export interface Lifecycle {
  /** Day the API stops serving the model; absent = no shutdown announced. */
  shutdownDate?: IsoDate;
  /** What to use instead (a live model of the same family). */
  replacement?: string;
  /** Confidence in the shutdown date. */
  source?: Source;
}

export type ImageQuality = 'auto' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/** The custom `WxH` size rules of the gpt-image-2 family. */
export interface CustomSizeRules {
  multipleOf: number;
  maxEdge: number;
  /** Longest side ÷ shortest side. */
  maxRatio: number;
  minPixels: number;
  maxPixels: number;
}

export interface ImageModelEntry {
  id: string;
  family: 'image';
  /** Dated snapshots that behave and cost the same (`gpt-image-2-2026-04-21`). */
  snapshots?: string[];
  lifecycle: Lifecycle;
  accepts: {
    /** Custom `WxH` sizes besides auto and the three standard ones; absent = standard only. */
    customSizes?: CustomSizeRules;
    qualities: ImageQuality[];
    /** Transparent backgrounds: supported, in preview (works, may change), or refused. */
    transparent: 'yes' | 'preview' | 'no';
    /** `input_fidelity` values the model takes; empty = the field must be omitted. */
    inputFidelity: ('low' | 'high')[];
    /** `complexity` (low/medium/high) is accepted. */
    complexity: boolean;
    /** `action` (generate/edit/auto) is accepted. */
    action: boolean;
    outputFormats: ('png' | 'webp' | 'jpeg')[];
  };
  /** USD per 1 M tokens, as `response.tool_usage.image_gen` reports them. */
  prices: {
    textInputPer1M: number;
    cachedTextInputPer1M: number;
    imageInputPer1M: number;
    cachedImageInputPer1M: number;
    imageOutputPer1M: number;
    source: Source;
  };
  /**
   * For estimates when the API reports no `tool_usage`: image output tokens of one
   * 1024×1024 image by quality (other sizes scale by area), tokens of one 1024×1024 input
   * image, and extra output tokens per streamed partial image.
   */
  estimate: {
    outputTokens1024: Partial<Record<Exclude<ImageQuality, 'auto'>, number>>;
    inputImageTokens1024: number;
    partialImageTokens: number;
    source: Source;
  };
}

export interface MainlineModelEntry {
  id: string;
  family: 'mainline';
  snapshots?: string[];
  lifecycle: Lifecycle;
  /** Can call the `image_generation` tool (generate and edit nodes need it). */
  imageTool: boolean;
  /** USD per 1 M tokens. */
  prices: {
    inputPer1M: number;
    cachedInputPer1M: number;
    /** Cache writes, where they cost more than plain input. */
    cacheWritePer1M?: number;
    outputPer1M: number;
    source: Source;
  };
}

export type ModelEntry = ImageModelEntry | MainlineModelEntry;
export type ModelFamily = ModelEntry['family'];
