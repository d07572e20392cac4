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
  /** Mainline model for calls that use tools (e.g. "gpt-5"). */
  model: string;
  /** Model inside the image_generation tool (e.g. "gpt-image-1.5"). */
  imageModel: string;
}

/** What a node reports while it runs. */
export type NodeProgress = { type: 'partial_image'; index: number; image: ImageValue };

/** One image tool call, priced from its resolved size and quality (usage carries no image tokens). */
export interface ImageCallUsage {
  model: string;
  size: string;
  quality: string;
  partialImages: number;
  /** Number of input images sent (priced as image input). */
  inputImages: number;
}

export interface NodeUsage {
  model: string;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  imageCalls: ImageCallUsage[];
  webSearchCalls: number;
  /** API requests made (2 when a chained edit fell back). */
  requests: number;
}

export interface NodeContext<D> {
  nodeId: string;
  data: D;
  inputs: NodeInputs;
  signal: AbortSignal;
  responses: ResponsesClient;
  blobs: BlobAccess;
  models: ModelDefaults;
  /** A line in the node's log (shown in the editor and the run record). */
  log(message: string): void;
  progress(event: NodeProgress): void;
}

export interface NodeResult {
  outputs: Record<string, PortValue>;
  usage?: NodeUsage;
}
