import type { ImageToolTokens, NodeUsage } from './context';
import type { ResponseObject } from './responses';

/** The text and the refusal of a response's messages, each concatenated (not trimmed). */
export const messageText = (response: ResponseObject): { text: string; refusal: string } => {
  let text = '';
  let refusal = '';
  for (const item of response.output)
    if (item.type === 'message')
      for (const part of item.content)
        if (part.type === 'output_text') text += part.text;
        else refusal += part.refusal;
  return { text, refusal };
};

/** Web search actions that are billed: `search` (open_page and find_in_page are not). */
const billableSearches = (response: ResponseObject): number =>
  response.output.filter(
    (item) => item.type === 'web_search_call' && (item.action?.type ?? 'search') === 'search',
  ).length;

/**
 * Usage of one response's mainline call: tokens, cache writes and billable web searches —
 * exact from `tool_usage.web_search.num_requests` when the API reports it, else the
 * `search` actions counted (no image calls; see imageToolTokens).
 */
export const mainlineUsage = (
  response: ResponseObject,
): Omit<NodeUsage, 'imageCalls' | 'requests'> => {
  const reported = response.tool_usage?.web_search?.num_requests;
  const exact = typeof reported === 'number';
  return {
    model: response.model,
    inputTokens: response.usage?.input_tokens ?? 0,
    cachedInputTokens: response.usage?.input_tokens_details?.cached_tokens ?? 0,
    ...(response.usage?.cache_write_tokens
      ? { cacheWriteTokens: response.usage.cache_write_tokens }
      : {}),
    outputTokens: response.usage?.output_tokens ?? 0,
    webSearchCalls: exact ? reported : billableSearches(response),
    ...(exact ? { webSearchExact: true } : {}),
  };
};

/**
 * The exact image-tool tokens of a response (`tool_usage.image_gen`), or undefined when the
 * API did not report them. Cached tokens are split by their details, else in proportion.
 */
export const imageToolTokens = (
  response: ResponseObject,
  model: string,
): ImageToolTokens | undefined => {
  const usage = response.tool_usage?.image_gen;
  if (!usage || typeof usage.input_tokens !== 'number') return undefined;
  const input = usage.input_tokens;
  const image = usage.input_tokens_details?.image_tokens ?? 0;
  const text = usage.input_tokens_details?.text_tokens ?? Math.max(0, input - image);
  const cached = usage.cached_tokens ?? 0;
  const cachedImage =
    usage.cached_tokens_details?.image_tokens ??
    (input > 0 ? Math.round((cached * image) / input) : 0);
  const cachedText = usage.cached_tokens_details?.text_tokens ?? Math.max(0, cached - cachedImage);
  return {
    model,
    textInput: Math.max(0, text - cachedText),
    cachedTextInput: Math.min(cachedText, text),
    imageInput: Math.max(0, image - cachedImage),
    cachedImageInput: Math.min(cachedImage, image),
    output: usage.output_tokens ?? 0,
  };
};
