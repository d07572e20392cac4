import type { BlobId, ImageMime, ImageValue, PortValue } from '@atelier/graph';
import type { ResponsesClient } from './responses';

/** Values of a node's connected inputs: a `multiple` port gets an array (possibly empty). */
export type NodeInputs = Record<string, PortValue | PortValue[] | undefined>;

export interface StoredImage {
  blob: BlobId;
  mime: ImageMime;
  width: number;
  height: number;
}

/** Content-addressed bytes. `put` sniffs the type from the bytes and rejects non-images. */
export interface BlobAccess {
  get(blob: BlobId): Promise<Uint8Array>;
  put(bytes: Uint8Array): Promise<StoredImage>;
}

/** Model names are defaults chosen by configuration, never constants in node code. */
export interface ModelDefaults {
  /** Mainline model for calls that use tools (e.g. "gpt-6.1-sol"). */
  model: string;
  /** Model inside the image_generation tool (e.g. "gpt-image-2.6-sunburst"). */
  imageModel: string;
}

/** What a node reports while it runs. */
export type NodeProgress = { type: 'partial_image'; index: number; image: ImageValue };

/**
 * One image produced, with what an estimate needs (size, quality, partial images, input
 * images). When the API reported `tool_usage`, the node's `imageTokens` are exact and these
 * only describe the image.
 */
export interface ImageCallUsage {
  model: string;
  size: string;
  quality: string;
  partialImages: number;
  /** Input images sent (or carried by a chained response), priced as image input. */
  inputImages: number;
  /**
   * Their total area in 1024×1024 units, when known (an image of unknown size counts as 1):
   * the API reads input images by area. Default: `inputImages`.
   */
  inputImageArea?: number;
}

/** Image-tool tokens as `response.tool_usage.image_gen` reports them, summed over a node's requests. */
export interface ImageToolTokens {
  /** The image model they were billed at. */
  model: string;
  textInput: number;
  cachedTextInput: number;
  imageInput: number;
  cachedImageInput: number;
  output: number;
}

export interface NodeUsage {
  model: string;
  inputTokens: number;
  cachedInputTokens: number;
  /** Prompt-cache writes (billed at a premium on some models). */
  cacheWriteTokens?: number;
  outputTokens: number;
  imageCalls: ImageCallUsage[];
  /** Exact image-tool tokens, when every image response carried `tool_usage.image_gen`. */
  imageTokens?: ImageToolTokens;
  /** Billable searches (`tool_usage.web_search.num_requests`, else search actions counted). */
  webSearchCalls: number;
  /** The search count came from `tool_usage` (exact), not from counting items. */
  webSearchExact?: boolean;
  /** API requests the API received (SDK retries and fallbacks included). */
  requests: number;
  /** Set by the engine: the cost is an estimate (no `tool_usage`, or an uncatalogued model). */
  costEstimated?: boolean;
}

/** Request settings of the server, the same for every node. */
export interface ApiSettings {
  /**
   * `store: false` on every request (OpenAI then keeps no prompts or images); chained edits
   * send their image instead of `previous_response_id`.
   */
  store: boolean;
  /** Web search location when a node sets none (otherwise the API assumes the United States). */
  searchLocation?: UserLocation;
}

/** Approximate location for web search, as the tool takes it. */
export interface UserLocation {
  country?: string;
  region?: string;
  city?: string;
  timezone?: string;
}

export interface NodeContext<D> {
  nodeId: string;
  data: D;
  inputs: NodeInputs;
  signal: AbortSignal;
  responses: ResponsesClient;
  blobs: BlobAccess;
  models: ModelDefaults;
  /** Server-wide request settings (default: store on, no search location). */
  api?: ApiSettings;
  /** A line in the node's log (shown in the editor and the run record). */
  log(message: string): void;
  progress(event: NodeProgress): void;
}

export interface NodeResult {
  outputs: Record<string, PortValue>;
  usage?: NodeUsage;
}
