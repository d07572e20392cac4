/**
 * Real 429s often carry no `retry-after`/`retry-after-ms` header and state the wait only in
 * the message ("Rate limit reached for … Please try again in 11.75s."). These read it.
 */

const IN_MESSAGE = /try again in\s+(?:(\d+(?:\.\d+)?)\s*m(?!s))?\s*(?:(\d+(?:\.\d+)?)\s*(ms|s))?/i;

/** The wait a rate-limit message asks for, in milliseconds, or undefined. */
export const waitFromMessage = (message: string | undefined): number | undefined => {
  if (!message) return undefined;
  const match = IN_MESSAGE.exec(message);
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  const minutes = Number(match[1] ?? 0);
  const amount = Number(match[2] ?? 0);
  const ms = minutes * 60_000 + (match[3]?.toLowerCase() === 'ms' ? amount : amount * 1000);
  return Number.isFinite(ms) ? Math.ceil(ms) : undefined;
};

const hasWaitHeader = (headers: Headers): boolean =>
  headers.has('retry-after-ms') || headers.has('retry-after');

/**
 * A fetch for the SDK that adds `retry-after-ms` to a 429 whose wait is only in its message,
 * so the SDK's own retries (and the engine's shared backoff after them) wait what OpenAI
 * asked for instead of guessing.
 */
export const withWaitHints =
  (inner: typeof fetch): typeof fetch =>
  async (input, init) => {
    const response = await inner(input, init);
    if (response.status !== 429 || hasWaitHeader(response.headers)) return response;
    const body = await response.text();
    let message: string | undefined;
    try {
      message = (JSON.parse(body) as { error?: { message?: string } }).error?.message;
    } catch {
      message = body;
    }
    const headers = new Headers(response.headers);
    const wait = waitFromMessage(message);
    if (wait !== undefined) headers.set('retry-after-ms', String(wait));
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
