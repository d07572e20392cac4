import { NodeError } from '@atelier/nodes';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { waitFromMessage } from './wait-hint';

/** Codes by HTTP status when the API gave none. */
const codeByStatus = (status: number | undefined): string => {
  if (status === undefined) return 'api_error';
  if (status === 400) return 'invalid_request';
  if (status === 401) return 'invalid_api_key';
  if (status === 403) return 'permission_denied';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 409) return 'conflict';
  if (status === 422) return 'unprocessable_entity';
  if (status === 429) return 'rate_limit_exceeded';
  if (status >= 500) return 'server_error';
  return 'api_error';
};

/** What a person can do about each code; the API's own message follows where it helps. */
const advice: Record<string, (api: string) => string> = {
  insufficient_quota: () =>
    'Your OpenAI account has no credit left (insufficient_quota). Add billing at platform.openai.com, then rerun.',
  rate_limit_exceeded: (api) =>
    `OpenAI's rate limit was reached (rate_limit_exceeded): wait a minute and rerun, or lower ATELIER_CONCURRENCY. ${api}`,
  invalid_api_key: () =>
    'OpenAI rejected the API key (invalid_api_key). Check OPENAI_API_KEY (platform.openai.com/api-keys) and restart.',
  permission_denied: (api) =>
    `This API key is not allowed to do this (permission_denied); image models may need a verified organisation (platform.openai.com/settings/organization/general). ${api}`,
  image_generation_user_error: (api) =>
    `The image tool refused the request (image_generation_user_error): ${api} If it names a model, pick a live image model in the node or set ATELIER_IMAGE_MODEL.`,
  moderation_blocked: () =>
    "OpenAI's safety system refused this request (moderation_blocked). Rephrase the prompt or change the images, then rerun.",
  server_error: (api) =>
    `OpenAI had a server error (server_error) and retrying did not help; try again in a few minutes. ${api}`,
  model_not_found: (api) =>
    `The model does not exist or this key cannot use it (model_not_found): pick another model in the node or set ATELIER_MODEL / ATELIER_IMAGE_MODEL. ${api}`,
};

const describe = (code: string, apiMessage: string, status?: number): string => {
  const hint = advice[code];
  if (hint) return hint(apiMessage).trim();
  const where = status === undefined ? '' : ` (HTTP ${status})`;
  return `The API refused the request${where}: ${apiMessage || code} [${code}]`;
};

/**
 * `retry-after-ms` (ms) or `retry-after` (seconds or an HTTP date), as milliseconds; without
 * either header, the wait the message asks for ("Please try again in 11.75s").
 */
export const retryAfterMs = (
  headers: Headers | undefined,
  now = Date.now(),
  message?: string,
): number | undefined => {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const after = headers?.get('retry-after');
  if (after) {
    const seconds = Number(after);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return waitFromMessage(message);
};

const retryableStatus = (status: number | undefined, code: string) =>
  code !== 'insufficient_quota' &&
  status !== undefined &&
  (status === 408 || status === 409 || status === 429 || status >= 500);

/** Removes the key from anything that might be shown (defence in depth: the SDK never echoes it). */
export const redact = (text: string, secret: string | undefined): string =>
  secret && secret.length >= 4 ? text.split(secret).join('[redacted]') : text;

/** The inner message of an API error (the SDK prefixes the status). */
const apiMessageOf = (error: APIError): string => {
  const inner = (error.error as { message?: unknown } | undefined)?.message;
  return typeof inner === 'string' ? inner : error.message;
};

/** An API error body or stream error → NodeError. */
export const apiNodeError = (
  code: string | null | undefined,
  message: string,
  status?: number,
  headers?: Headers,
  param?: string | null,
): NodeError => {
  const resolved = code || codeByStatus(status);
  const wait = retryAfterMs(headers, Date.now(), message);
  return new NodeError(resolved, describe(resolved, message, status), {
    status,
    retryable: retryableStatus(status, resolved),
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
    ...(param ? { param } : {}),
  });
};

/** Any error from the SDK (or the stream) → NodeError; aborts become `cancelled`. */
export const toNodeError = (
  error: unknown,
  context: { signal?: AbortSignal; baseURL: string; apiKey?: string },
): NodeError => {
  const scrub = (e: NodeError) =>
    new NodeError(e.code, redact(e.message, context.apiKey), e.details);
  if (error instanceof NodeError) return scrub(error);
  if (error instanceof APIUserAbortError || context.signal?.aborted)
    return new NodeError('cancelled', 'The request was cancelled.');
  if (error instanceof APIConnectionTimeoutError)
    return new NodeError(
      'timeout',
      `The API at ${context.baseURL} did not answer in time; check your network and rerun.`,
      { retryable: true },
    );
  if (error instanceof APIConnectionError) {
    const cause = (error.cause as Error | undefined)?.message;
    return scrub(
      new NodeError(
        'connection_error',
        `Could not reach the API at ${context.baseURL}${cause ? ` (${cause})` : ''}; check your network or OPENAI_BASE_URL, then rerun.`,
        { retryable: true },
      ),
    );
  }
  if (error instanceof APIError)
    return scrub(
      apiNodeError(
        error.code,
        apiMessageOf(error),
        error.status,
        error.headers as Headers | undefined,
        error.param,
      ),
    );
  const message = error instanceof Error ? error.message : String(error);
  // A socket that closes mid-stream surfaces as a plain error from fetch.
  return scrub(
    new NodeError(
      'stream_incomplete',
      `The connection to the API broke mid-response (${message}); rerun.`,
      {
        retryable: true,
      },
    ),
  );
};
