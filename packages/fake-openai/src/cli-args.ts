import { parseArgs } from 'node:util';
import type { FakeOpenAIOptions, FaultTrigger } from './options';

export const HELP = `Usage: pnpm fake-openai [flags]

  --port N                    port (default 4010; 0 = any free port)
  --host H                    host (default 127.0.0.1)
  --seed N                    seed of the fault PRNG (default 1)
  --api-key K                 accept only this bearer key (default: any non-empty key)
  --store-limit N             stored responses kept (default 100)
  --latency-first-byte MS     delay before response headers
  --latency-event MS          delay before each stream event
  --latency-partial MS        delay before each partial image and the final image
  --rate-limit RATE|every:N|first:N    inject 429 rate_limit_exceeded (with retry-after-ms)
  --overloaded RATE|every:N|first:N    inject 503
  --server-error RATE|every:N|first:N  inject 500
  --quota RATE|every:N|first:N         inject insufficient_quota
  --cut RATE|every:N|first:N           cut streams mid-way
  --stall RATE|every:N|first:N         stall streams
  --retry-after-ms MS         retry-after-ms sent with 429/503 (default 20)
  --should-retry true|false   send x-should-retry on every error answer
  --cut-after N               events before a cut (default 5)
  --stall-after N             events before a stall (default 2)
  --rate-limit-hints true|false   false: 429s carry no retry-after/x-ratelimit headers, the
                              wait is only in the message (default true)
  --unverified-streaming all|MODEL[,MODEL]   refuse stream:true for these mainline models
                              (400 on 'stream', as for an unverified organization)
  --images-per-minute N       images each image model may make per minute (default unlimited)
  --image-rate-window-ms MS   the window of --images-per-minute (default 60000)
  --max-image-bytes N         image bytes allowed per request (default 52428800 = 50 MB)
  --keepalive-ms MS           keepalive event after this much stream silence (default 15000; 0 off)
  --now DATE                  the fake's clock starts at DATE (ISO 8601), e.g. 2026-12-11
  --lifecycle true|false      true: shut-down and unknown models are refused like the real API
                              (default false)

RATE is a probability above 0 and at most 1 (e.g. 0.2); N is a whole number of at least 1.
`;

/** A command line that cannot be understood: exit 2 with the message and a pointer to --help. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  'api-key': { type: 'string' },
  'store-limit': { type: 'string' },
  'latency-first-byte': { type: 'string' },
  'latency-event': { type: 'string' },
  'latency-partial': { type: 'string' },
  'rate-limit': { type: 'string' },
  overloaded: { type: 'string' },
  'server-error': { type: 'string' },
  quota: { type: 'string' },
  cut: { type: 'string' },
  stall: { type: 'string' },
  'retry-after-ms': { type: 'string' },
  'should-retry': { type: 'string' },
  'cut-after': { type: 'string' },
  'stall-after': { type: 'string' },
  'rate-limit-hints': { type: 'string' },
  'unverified-streaming': { type: 'string' },
  'images-per-minute': { type: 'string' },
  'image-rate-window-ms': { type: 'string' },
  'max-image-bytes': { type: 'string' },
  'keepalive-ms': { type: 'string' },
  now: { type: 'string' },
  lifecycle: { type: 'string' },
} as const;

/**
 * `RATE`, `every:N` or `first:N`. Values that could never fire (`every:0`, `first:0`, a rate
 * of 0) or that Number() would bend into something else (`''`, `0x1`, `1e-1`) are refused:
 * a fault flag that silently does nothing makes a test pass for the wrong reason.
 */
function trigger(flag: string, value: string | undefined): FaultTrigger | undefined {
  if (value === undefined) return undefined;
  const counted = /^(every|first):(\d+)$/.exec(value);
  if (counted) {
    const n = Number(counted[2]);
    if (!Number.isSafeInteger(n) || n < 1)
      throw new CliUsageError(
        `--${flag} ${value}: N must be a whole number of at least 1 (${counted[1]}:1 hits ${counted[1] === 'every' ? 'every request' : 'the first request'}).`,
      );
    return counted[1] === 'every' ? { everyNth: n } : { first: n };
  }
  const rate = /^(\d*\.)?\d+$/.test(value) ? Number(value) : NaN;
  if (!(rate > 0 && rate <= 1))
    throw new CliUsageError(
      `--${flag} ${JSON.stringify(value)}: expected a rate above 0 and at most 1 (e.g. 0.2), every:N or first:N with N >= 1.`,
    );
  return { rate };
}

function integer(flag: string, value: string | undefined, max = Number.MAX_SAFE_INTEGER) {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n > max)
    throw new CliUsageError(
      `--${flag} ${JSON.stringify(value)}: expected a whole number${max === Number.MAX_SAFE_INTEGER ? ' (0 or more)' : ` from 0 to ${max}`}.`,
    );
  return n;
}

function bool(flag: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false')
    throw new CliUsageError(`--${flag}: expected true or false, got '${value}'.`);
  return value === 'true';
}

function date(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || !Number.isFinite(Date.parse(value)))
    throw new CliUsageError(
      `--${flag} ${JSON.stringify(value)}: expected an ISO 8601 date such as 2026-12-11 or 2026-12-11T09:30:00Z.`,
    );
  return value;
}

function models(flag: string, value: string | undefined): string[] | true | undefined {
  if (value === undefined) return undefined;
  if (value === 'all') return true;
  const list = value.split(',').map((m) => m.trim());
  if (list.some((m) => m === ''))
    throw new CliUsageError(`--${flag} ${JSON.stringify(value)}: expected all or MODEL[,MODEL…].`);
  return list;
}

function text(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '')
    throw new CliUsageError(`--${flag} needs a non-empty value.`);
  return value;
}

/** The fake's options from its command line, or `help`; throws CliUsageError on anything odd. */
export function parseCliArgs(
  argv: readonly string[],
): { help: true } | { help: false; options: FakeOpenAIOptions } {
  let parsed;
  try {
    // `pnpm fake-openai -- --port 4010` passes the separator through.
    const args = argv[0] === '--' ? argv.slice(1) : [...argv];
    parsed = parseArgs({ args, options: OPTIONS, strict: true, tokens: true });
  } catch (error) {
    // node:util's own messages ("Unknown option '--x'", "Option '--port <value>' argument missing").
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, tokens } = parsed;
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name))
      throw new CliUsageError(`--${token.name} is given twice; pass it once.`);
    seen.add(token.name);
  }
  if (values.help) return { help: true };
  const shouldRetry = bool('should-retry', values['should-retry']);
  const maxImageBytes = integer('max-image-bytes', values['max-image-bytes']);
  return {
    help: false,
    options: {
      port: integer('port', values.port, 65535) ?? 4010,
      host: text('host', values.host),
      seed: integer('seed', values.seed),
      apiKey: text('api-key', values['api-key']),
      storeLimit: integer('store-limit', values['store-limit']),
      latency: {
        firstByteMs: integer('latency-first-byte', values['latency-first-byte']),
        perEventMs: integer('latency-event', values['latency-event']),
        perPartialImageMs: integer('latency-partial', values['latency-partial']),
      },
      faults: {
        rateLimit: trigger('rate-limit', values['rate-limit']),
        overloaded: trigger('overloaded', values.overloaded),
        serverError: trigger('server-error', values['server-error']),
        quota: trigger('quota', values.quota),
        cut: trigger('cut', values.cut),
        stall: trigger('stall', values.stall),
        retryAfterMs: integer('retry-after-ms', values['retry-after-ms']),
        shouldRetry,
        cutAfterEvents: integer('cut-after', values['cut-after']),
        stallAfterEvents: integer('stall-after', values['stall-after']),
        rateLimitHints: bool('rate-limit-hints', values['rate-limit-hints']),
        unverifiedStreaming: models('unverified-streaming', values['unverified-streaming']),
      },
      imagesPerMinute: integer('images-per-minute', values['images-per-minute']),
      imageRateWindowMs: integer('image-rate-window-ms', values['image-rate-window-ms']),
      keepaliveMs: integer('keepalive-ms', values['keepalive-ms']),
      now: date('now', values.now),
      lifecycle: bool('lifecycle', values.lifecycle),
      limits: maxImageBytes === undefined ? undefined : { maxImageBytes },
    },
  };
}
