import type { ParsedRequest } from './request';

export type Json = Record<string, unknown>;

export interface Usage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** The Response object as the real API sends it, field for field (see the recorded streams). */
export interface ResponseObject extends Json {
  id: string;
  object: 'response';
  created_at: number;
  status: 'in_progress' | 'completed' | 'failed' | 'incomplete';
  error: { code: string; message: string } | null;
  model: string;
  output: Json[];
  usage: Usage | null;
  previous_response_id: string | null;
  store: boolean;
  tools: unknown[];
}

/** `reasoning`: the model puts reasoning items before its tool calls (the model table says). */
export function baseResponse(
  request: ParsedRequest,
  id: string,
  createdAt: number,
  tools: unknown[],
  reasoningModel: boolean,
): ResponseObject {
  const b = request.body;
  const reasoning = (
    typeof b.reasoning === 'object' && b.reasoning !== null ? b.reasoning : {}
  ) as Json;
  const or = <T>(value: unknown, fallback: T): T =>
    value === undefined || value === null ? fallback : (value as T);
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status: 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: request.instructions,
    max_output_tokens: or(b.max_output_tokens, null),
    max_tool_calls: or(b.max_tool_calls, null),
    model: request.model,
    output: [],
    parallel_tool_calls: or(b.parallel_tool_calls, true),
    previous_response_id: request.previousResponseId,
    prompt_cache_key: or(b.prompt_cache_key, null),
    prompt_cache_retention: null,
    reasoning: reasoningModel
      ? { effort: or(reasoning.effort, 'medium'), summary: or(reasoning.summary, null) }
      : { effort: null, summary: null },
    safety_identifier: or(b.safety_identifier, null),
    service_tier: 'auto',
    store: request.store,
    temperature: or(b.temperature, 1),
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: or(b.tool_choice, 'auto'),
    tools,
    top_logprobs: 0,
    top_p: or(b.top_p, 1),
    truncation: or(b.truncation, 'disabled'),
    usage: null,
    user: null,
    metadata: or(b.metadata, {}),
  };
}

/**
 * The mainline tokens a tool adds, as the streams recorded from the real API show
 * (shared/reference/recorded-streams): an image call with a short prompt read 2,941 input
 * tokens (the tool's definition and instructions) and reasoned 1,024; a web search of 9
 * calls read 31,073 (the pages) and reasoned 3,712.
 */
const IMAGE_TOOL_INPUT = 2800;
const IMAGE_CALL_REASONING = 1024;
const SEARCH_TOOL_INPUT = 1200;
const SEARCH_CALL_INPUT = 3300;
const SEARCH_CALL_REASONING = 400;

/** Plausible token counts: the same request always reports the same usage. */
export function estimateUsage(options: {
  prompt: string;
  images: number;
  chained: boolean;
  text: string;
  /** Image generation calls made (0 or 1). */
  imageCalls: number;
  /** Web search tool calls made (searches and pages opened). */
  searchCalls: number;
  reasoning: boolean;
}): Usage {
  const { imageCalls, searchCalls } = options;
  const toolCalls = imageCalls + searchCalls;
  const input =
    24 +
    Math.ceil(options.prompt.length / 4) +
    85 * options.images +
    (imageCalls > 0 ? IMAGE_TOOL_INPUT : 0) +
    (searchCalls > 0 ? SEARCH_TOOL_INPUT + SEARCH_CALL_INPUT * searchCalls : 0);
  const reasoningTokens = options.reasoning
    ? 64 + IMAGE_CALL_REASONING * imageCalls + SEARCH_CALL_REASONING * searchCalls
    : 0;
  const output = reasoningTokens + Math.ceil(options.text.length / 4) + 30 * toolCalls;
  return {
    input_tokens: input,
    input_tokens_details: {
      cached_tokens: options.chained ? Math.floor(input / 2) : 0,
      cache_write_tokens: 0,
    },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: input + output,
  };
}
