import type { IncomingMessage } from 'node:http';
import { ApiError } from './errors';

/** Bodies above this are refused with 413 before they are parsed. */
const MAX_BODY = 256 * 1024 * 1024;

/** Any non-empty bearer key, or exactly `apiKey` when one is set; 401 otherwise. */
export function authorize(header: string | undefined, apiKey: string | undefined): void {
  const auth = /^Bearer\s+(\S.*)$/i.exec(header ?? '');
  if (!auth) {
    throw new ApiError(401, {
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
  }
  if (apiKey !== undefined && auth[1]!.trim() !== apiKey) {
    throw new ApiError(401, {
      message: 'Incorrect API key provided. (The fake Responses API was started with a fixed key.)',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    });
  }
}

/** The parsed JSON body (undefined when empty); 400 for anything that is not JSON. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError(400, {
      message:
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
  }
}

/** Decodes a percent-encoded path segment; a malformed escape is kept as sent. */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The whole body (read before anything is answered, so the connection stays usable). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY)
      throw new ApiError(413, {
        message: 'Request body too large.',
        type: 'invalid_request_error',
        param: null,
        code: null,
      });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
