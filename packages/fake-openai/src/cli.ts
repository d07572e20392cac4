/**
 * `pnpm fake-openai --port 4010 [flags]`: runs the fake Responses API until interrupted and
 * prints its base URL on stdout. `--help` lists the flags (also in README.md).
 */
import { parseArgs } from 'node:util';
import type { FaultOptions, FaultTrigger } from './options';
import { createFakeOpenAI } from './server';

const HELP = `Usage: pnpm fake-openai [flags]

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
`;

function trigger(flag: string, value: string | undefined): FaultTrigger | undefined {
  if (value === undefined) return undefined;
  const match = /^(every|first):(\d+)$/.exec(value);
  if (match)
    return match[1] === 'every' ? { everyNth: Number(match[2]) } : { first: Number(match[2]) };
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new Error(`--${flag}: expected a rate 0..1, every:N or first:N, got '${value}'`);
  return { rate };
}

function num(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${flag}: expected a non-negative integer, got '${value}'`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
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
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const shouldRetry = values['should-retry'];
  if (shouldRetry !== undefined && shouldRetry !== 'true' && shouldRetry !== 'false') {
    throw new Error(`--should-retry: expected true or false, got '${shouldRetry}'`);
  }
  const faults: FaultOptions = {
    rateLimit: trigger('rate-limit', values['rate-limit']),
    overloaded: trigger('overloaded', values.overloaded),
    serverError: trigger('server-error', values['server-error']),
    quota: trigger('quota', values.quota),
    cut: trigger('cut', values.cut),
    stall: trigger('stall', values.stall),
    retryAfterMs: num('retry-after-ms', values['retry-after-ms']),
    shouldRetry: shouldRetry === undefined ? undefined : shouldRetry === 'true',
    cutAfterEvents: num('cut-after', values['cut-after']),
    stallAfterEvents: num('stall-after', values['stall-after']),
  };
  const fake = await createFakeOpenAI({
    port: num('port', values.port) ?? 4010,
    host: values.host,
    seed: num('seed', values.seed),
    apiKey: values['api-key'],
    storeLimit: num('store-limit', values['store-limit']),
    latency: {
      firstByteMs: num('latency-first-byte', values['latency-first-byte']),
      perEventMs: num('latency-event', values['latency-event']),
      perPartialImageMs: num('latency-partial', values['latency-partial']),
    },
    faults,
  });
  process.stdout.write(`${fake.baseURL}\n`);
  process.stderr.write(
    `fake OpenAI Responses API listening (simulator). Use baseURL ${fake.baseURL} with any API key. Ctrl-C stops it.\n`,
  );
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-openai: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
