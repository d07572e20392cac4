import type { NodeUsage } from './context';
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

/** Usage of one response's mainline call: tokens and web searches (no image calls). */
export const mainlineUsage = (
  response: ResponseObject,
): Omit<NodeUsage, 'imageCalls' | 'requests'> => ({
  model: response.model,
  inputTokens: response.usage?.input_tokens ?? 0,
  cachedInputTokens: response.usage?.input_tokens_details?.cached_tokens ?? 0,
  outputTokens: response.usage?.output_tokens ?? 0,
  webSearchCalls: response.output.filter((item) => item.type === 'web_search_call').length,
});
