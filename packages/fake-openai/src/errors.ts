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

export function rateLimitMessage(model: string, retryAfterMs: number): string {
  return `Rate limit reached for ${model} in organization org-simulated on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in ${retryAfterMs}ms. (simulated by the fake Responses API)`;
}
