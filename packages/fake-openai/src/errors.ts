/** The error body every OpenAI endpoint uses: `{error:{message, type, param, code}}`. */
export interface ApiErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** An HTTP error the fake answers with; thrown from validation and caught by the server. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

/** 400 invalid_request_error naming the offending field in `param`. */
export function invalidRequest(
  message: string,
  param: string | null,
  code: string | null = null,
): ApiError {
  return new ApiError(400, { message, type: 'invalid_request_error', param, code });
}

export function invalidValue(param: string, value: unknown, allowed: readonly string[]): ApiError {
  const list = allowed.map((v) => `'${v}'`);
  const supported =
    list.length > 1
      ? `${list.slice(0, -1).join(', ')}, and ${list[list.length - 1]}`
      : (list[0] ?? '');
  return invalidRequest(
    `Invalid value: ${JSON.stringify(value)}. Supported values are: ${supported}.`,
    param,
    'invalid_value',
  );
}

export function invalidType(param: string, expected: string, value: unknown): ApiError {
  return invalidRequest(
    `Invalid type for '${param}': expected ${expected}, but got ${value === null ? 'null' : typeof value} instead.`,
    param,
    'invalid_type',
  );
}

/** Integer range errors, worded like the real API's. */
export function integerOutOfRange(
  param: string,
  value: number,
  min: number,
  max: number,
): ApiError {
  const above = value > max;
  return invalidRequest(
    `Invalid '${param}': integer ${above ? 'above maximum' : 'below minimum'} value. Expected a value ${
      above ? `<= ${max}` : `>= ${min}`
    }, but got ${value} instead.`,
    param,
    above ? 'integer_above_max_value' : 'integer_below_min_value',
  );
}

export const MESSAGES = {
  quota:
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
  serverError:
    'The server had an error while processing your request. Sorry about that! (simulated by the fake Responses API)',
  overloaded:
    'The engine is currently overloaded, please try again later. (simulated by the fake Responses API)',
  moderation:
    'Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID. safety_violations=[simulated]. (simulated by the fake Responses API)',
} as const;

/** A wait as real 429 messages write it: "120ms", "11.75s", "1m30s". */
export function formatWait(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole < 1000) return `${whole}ms`;
  const seconds = (n: number): string => `${Number(n.toFixed(3))}s`;
  if (whole < 60_000) return seconds(whole / 1000);
  return `${Math.floor(whole / 60_000)}m${seconds((whole % 60_000) / 1000)}`;
}

export function rateLimitMessage(
  model: string,
  retryAfterMs: number,
  what = 'requests per min (RPM): Limit 500, Used 500, Requested 1',
): string {
  return `Rate limit reached for ${model} in organization org-simulated on ${what}. Please try again in ${formatWait(retryAfterMs)}. Visit https://platform.openai.com/account/rate-limits to learn more. (simulated by the fake Responses API)`;
}

/** The 400 a real key gets when its organization is not verified and it streams (3rd-party reports). */
export const UNVERIFIED_STREAM_MESSAGE =
  'Your organization must be verified to stream this model. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.';

/** A shut-down or unknown mainline model: 404 model_not_found. */
export const modelNotFound = (model: string): ApiError =>
  new ApiError(404, {
    message: `The model \`${model}\` does not exist or you do not have access to it.`,
    type: 'invalid_request_error',
    param: null,
    code: 'model_not_found',
  });

/** A shut-down or unknown image model in the image_generation tool (stage-gen#10, 3rd-party). */
export const imageModelNotFound = (model: string): ApiError =>
  invalidRequest(`The model '${model}' does not exist.`, 'tools', 'image_generation_user_error');
