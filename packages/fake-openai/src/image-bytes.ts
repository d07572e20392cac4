import { invalidRequest } from './errors';
import type { ImageTool } from './image-tool';
import type { ParsedRequest } from './request';

/** Bytes a base64 string decodes to, without decoding it. */
export function base64Bytes(text: string): number {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end -= 1;
  let padding = 0;
  while (padding < 2 && end > 0 && text[end - 1] === '=') {
    end -= 1;
    padding += 1;
  }
  return Math.floor((end * 3) / 4);
}

/** The base64 part of a data URL ('' for anything else: that is a 400 of its own later). */
const dataUrlPayload = (url: string): string => {
  const comma = url.indexOf(',');
  return /^data:[^,]*;base64,/i.test(url.slice(0, comma + 1)) ? url.slice(comma + 1) : '';
};

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The vision limit of 50 MB of image bytes per request (openai-api-2026-12.md §3, 3rd-party
 * mirror of OpenAI's vision guide), counted before base64: input images, images passed back
 * by value and the mask. The error names the image that tips the sum over.
 */
export function checkImageBytes(
  request: ParsedRequest,
  tool: ImageTool | null,
  limit: number,
): void {
  const parts: { param: string; bytes: number }[] = [
    ...request.images.map((i) => ({ param: i.param, bytes: base64Bytes(dataUrlPayload(i.url)) })),
    ...request.imageCalls
      .filter((c) => c.result !== null)
      .map((c) => ({ param: `${c.param}.result`, bytes: base64Bytes(c.result!) })),
    ...(tool?.mask
      ? [
          {
            param: `tools[${tool.index}].input_image_mask.image_url`,
            bytes: base64Bytes(dataUrlPayload(tool.mask)),
          },
        ]
      : []),
  ];
  let total = 0;
  for (const part of parts) {
    total += part.bytes;
    if (total > limit) {
      const sum = parts.reduce((n, p) => n + p.bytes, 0);
      throw invalidRequest(
        `The images in this request add up to ${mb(sum)} (${sum} bytes before base64); at most ${mb(limit)} (${limit} bytes) of image data is allowed per request, and '${part.param}' brings it over. Send fewer or smaller images.`,
        part.param,
        'image_too_large',
      );
    }
  }
}
