import { encodeBase64 } from '../base64';
import type { OutputItem, ResponseObject, ResponseStreamEvent } from '../responses';
import { encodePng } from './png';

export const USAGE = {
  input_tokens: 120,
  input_tokens_details: { cached_tokens: 20 },
  output_tokens: 40,
};

export const response = (output: OutputItem[], id = 'resp_1'): ResponseObject => ({
  id,
  status: 'completed',
  model: 'gpt-5-2025-08-07',
  output,
  usage: USAGE,
  error: null,
});

/** Base64 of a real PNG of the given size (the "image" the API returns). */
export const pngB64 = (width = 16, height = 16, shade = 100): string =>
  encodeBase64(encodePng(width, height, () => [shade, shade, shade, 255]));

export const imageCall = (
  extra: Partial<Extract<OutputItem, { type: 'image_generation_call' }>> = {},
): OutputItem => ({
  type: 'image_generation_call',
  id: 'ig_1',
  status: 'completed',
  result: pngB64(),
  revised_prompt: 'A cat, photographed',
  size: '1024x1024',
  quality: 'medium',
  ...extra,
});

export const message = (
  text: string,
  annotations: { type: string; url?: string; title?: string }[] = [],
): OutputItem => ({
  type: 'message',
  id: 'msg_1',
  role: 'assistant',
  content: [
    {
      type: 'output_text',
      text,
      annotations: annotations.map((a) => ({ start_index: 0, end_index: 1, ...a })) as never,
    },
  ],
});

export const partialImage = (index: number, shade: number): ResponseStreamEvent => ({
  type: 'response.image_generation_call.partial_image',
  item_id: 'ig_1',
  output_index: 0,
  partial_image_index: index,
  partial_image_b64: pngB64(16, 16, shade),
  sequence_number: 5 + index,
});
