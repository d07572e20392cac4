/**
 * The slice of the Responses API that nodes use, as plain JSON types: nodes stay free of
 * the SDK. The server's provider implements ResponsesClient with the `openai` SDK.
 */

export type InputContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string; detail: 'low' | 'high' | 'auto' };

export interface ImageGenerationTool {
  type: 'image_generation';
  model?: string;
  action?: 'generate' | 'edit' | 'auto';
  size?: string;
  quality?: string;
  background?: string;
  output_format?: 'png' | 'webp' | 'jpeg';
  complexity?: 'low' | 'medium' | 'high';
  output_compression?: number;
  partial_images?: number;
  moderation?: string;
  input_fidelity?: 'high' | 'low';
  input_image_mask?: { image_url: string };
}

export interface WebSearchTool {
  type: 'web_search';
  search_context_size?: 'low' | 'medium' | 'high';
  filters?: { allowed_domains?: string[] };
  /** Omitted, the API assumes the United States; `{type: "approximate"}` alone avoids that. */
  user_location?: {
    type: 'approximate';
    country?: string;
    region?: string;
    city?: string;
    timezone?: string;
  };
}

export interface ResponsesRequest {
  model: string;
  input: string | { role: 'user'; content: InputContent[] }[];
  instructions?: string;
  previous_response_id?: string;
  tools?: (ImageGenerationTool | WebSearchTool)[];
  tool_choice?: unknown;
  include?: string[];
  /** Caps built-in tool calls: an image node can never be billed for two images. */
  max_tool_calls?: number;
  parallel_tool_calls?: boolean;
  /** false: OpenAI keeps neither the request nor the response (no chaining on it later). */
  store?: boolean;
}

export interface UrlCitation {
  type: 'url_citation';
  url: string;
  title: string;
  start_index: number;
  end_index: number;
}

export type OutputItem =
  | { type: 'reasoning'; id: string }
  | {
      type: 'image_generation_call';
      id: string;
      status: string;
      result: string | null;
      revised_prompt?: string;
      size?: string;
      quality?: string;
      background?: string;
      output_format?: string;
      action?: string;
      /** Set when the call failed (e.g. code `moderation_blocked`); typed by SDK 7.x. */
      error?: { code: string | null; message: string } | null;
    }
  | {
      type: 'web_search_call';
      id: string;
      status: string;
      action?: {
        type: string;
        query?: string;
        queries?: string[];
        sources?: { type: 'url'; url: string }[];
      };
    }
  | {
      type: 'message';
      id: string;
      role: 'assistant';
      content: (
        | { type: 'output_text'; text: string; annotations: (UrlCitation | { type: string })[] }
        | { type: 'refusal'; refusal: string }
      )[];
    };

export interface ResponseObject {
  id: string;
  status: string;
  model: string;
  output: OutputItem[];
  usage: {
    input_tokens: number;
    input_tokens_details?: { cached_tokens?: number };
    output_tokens: number;
    cache_write_tokens?: number;
  } | null;
  /** Hosted tools' own usage (SDK 7.46+; absent when unavailable). Read from the raw response. */
  tool_usage?: {
    image_gen?: ImageGenToolUsage | null;
    web_search?: { num_requests?: number } | null;
  } | null;
  error: { code: string; message: string } | null;
}

type TokenSplit = { image_tokens?: number; text_tokens?: number };
export interface ImageGenToolUsage {
  input_tokens?: number;
  input_tokens_details?: TokenSplit;
  output_tokens?: number;
  output_tokens_details?: TokenSplit;
  cached_tokens?: number;
  cached_tokens_details?: TokenSplit;
}

/** Stream events a node may look at; others pass through as `{ type: string }`. */
export type ResponseStreamEvent =
  | {
      type: 'response.image_generation_call.partial_image';
      item_id: string;
      output_index: number;
      partial_image_index: number;
      partial_image_b64: string;
      sequence_number: number;
    }
  | { type: string; sequence_number?: number };

export interface CreateOptions {
  signal: AbortSignal;
  /** Called for every stream event as it arrives. */
  onEvent?: (event: ResponseStreamEvent) => void;
  /** Called for every HTTP request sent (the SDK's own retries included). */
  onRequest?: () => void;
  /** A line for the node's log (e.g. why a call ran without streaming). */
  log?: (message: string) => void;
}

/**
 * A streaming Responses API client. `create` resolves only when the stream ended with
 * `response.completed`; every other ending rejects with a NodeError.
 */
export interface ResponsesClient {
  /** Provider identity, part of every cache key: "simulator" or "openai:<base url>". */
  readonly identity: string;
  create(request: ResponsesRequest, options: CreateOptions): Promise<ResponseObject>;
}

/**
 * An error a person can act on. `code` is the API's code where there is one
 * (moderation_blocked, insufficient_quota, rate_limit_exceeded, previous_response_not_found,
 * invalid_image…) or one of ours (stream_stalled, stream_incomplete, cancelled, invalid_input).
 */
export class NodeError extends Error {
  override readonly name = 'NodeError';
  constructor(
    readonly code: string,
    message: string,
    readonly details: {
      status?: number;
      retryable?: boolean;
      retryAfterMs?: number;
      /** The request field the API blamed (`param`), e.g. `previous_response_id`. */
      param?: string;
    } = {},
  ) {
    super(message);
  }
}
