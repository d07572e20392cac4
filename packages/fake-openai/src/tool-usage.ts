import type { ImageCallPlan } from './image/image-call';

/**
 * `response.tool_usage` (SDK 7.46+, newer than the OpenAPI file): the image tool's tokens by
 * kind and the billable web searches. The counts are plausible and deterministic, not OpenAI's.
 */
export interface ToolUsage {
  image_gen: {
    input_tokens: number;
    input_tokens_details: { image_tokens: number; text_tokens: number };
    output_tokens: number;
    output_tokens_details: { image_tokens: number; text_tokens: number };
    /** Only when some input was already in context (a chained edit's previous image). */
    cached_tokens?: number;
  };
  web_search: { num_requests: number };
}

/** Input image tokens per 1024x1024 of input area (~3,050 on gpt-image-1, 3rd-party via fal). */
const INPUT_TOKENS_PER_MEGAPIXEL = 3050;
/** Each streamed partial image adds about 100 output tokens (3rd-party, apidog). */
export const PARTIAL_IMAGE_TOKENS = 100;
const MEGAPIXEL = 1024 * 1024;

/** Tokens of the text the image model reads: the prompt, a search finding, some framing. */
const textTokens = (text: string): number => 16 + Math.ceil(text.length / 4);

export const inputImageTokens = (width: number, height: number): number =>
  Math.ceil((width * height * INPUT_TOKENS_PER_MEGAPIXEL) / MEGAPIXEL);

/** Image output tokens: the model's 1024x1024 figure for the quality, scaled by area. */
export function outputImageTokens(plan: ImageCallPlan): number {
  const table = plan.input.tool.capabilities.outputTokens;
  const base = table[plan.quality] ?? table.high ?? 0;
  return Math.round((base * plan.width * plan.height) / MEGAPIXEL);
}

/** The image_gen part for one call; a refused call read its inputs but drew nothing. */
export function imageGenUsage(
  plan: ImageCallPlan,
  outcome: { partials: number; refused: boolean },
): ToolUsage['image_gen'] {
  const images = plan.input.inputs.map((i) => ({
    tokens: inputImageTokens(i.image.width, i.image.height),
    cached: i.cached === true,
  }));
  const imageTokens = images.reduce((n, i) => n + i.tokens, 0);
  const cached = images.filter((i) => i.cached).reduce((n, i) => n + i.tokens, 0);
  const text = textTokens([plan.input.prompt, plan.input.headline ?? ''].join('\n'));
  const output = outcome.refused
    ? 0
    : outputImageTokens(plan) + PARTIAL_IMAGE_TOKENS * outcome.partials;
  return {
    input_tokens: imageTokens + text,
    input_tokens_details: { image_tokens: imageTokens, text_tokens: text },
    output_tokens: output,
    output_tokens_details: { image_tokens: output, text_tokens: 0 },
    ...(cached > 0 ? { cached_tokens: cached } : {}),
  };
}

export const emptyImageGenUsage = (): ToolUsage['image_gen'] => ({
  input_tokens: 0,
  input_tokens_details: { image_tokens: 0, text_tokens: 0 },
  output_tokens: 0,
  output_tokens_details: { image_tokens: 0, text_tokens: 0 },
});
