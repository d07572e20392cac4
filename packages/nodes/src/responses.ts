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
}

export interface ResponsesRequest {
  model: string;
  input: string | { role: 'user'; content: InputContent[] }[];
  instructions?: string;
  previous_response_id?: string;
  tools?: (ImageGenerationTool | WebSearchTool)[];
  tool_choice?: unknown;
  include?: string[];
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
      action?: { type: string; query?: string; sources?: { type: 'url'; url: string }[] };
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
  } | null;
  error: { code: string; message: string } | null;
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
    readonly details: { status?: number; retryable?: boolean; retryAfterMs?: number } = {},
  ) {
    super(message);
  }
}
