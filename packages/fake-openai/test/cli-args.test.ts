import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from '../src/cli-args';

const options = (...argv: string[]) => {
  const parsed = parseCliArgs(argv);
  if (parsed.help) throw new Error('expected options, got help');
  return parsed.options;
};
const usageError = (...argv: string[]): string => {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
};

describe('the command line flags', () => {
  it('reads every fault trigger form', () => {
    const { faults } = options(
      '--rate-limit',
      'every:3',
      '--cut',
      'first:2',
      '--stall',
      '0.25',
      '--quota',
      '1',
      '--should-retry',
      'false',
      '--cut-after',
      '0',
    );
    expect(faults).toMatchObject({
      rateLimit: { everyNth: 3 },
      cut: { first: 2 },
      stall: { rate: 0.25 },
      quota: { rate: 1 },
      shouldRetry: false,
      cutAfterEvents: 0,
    });
    expect(options('--', '--port', '0').port).toBe(0);
    expect(options().port).toBe(4010);
  });

  it('reads the real-key flags: hints, verification, images per minute, limits, keepalive, clock', () => {
    const o = options(
      '--rate-limit-hints',
      'false',
      '--unverified-streaming',
      'gpt-6.1-sol, gpt-6.2-sol',
      '--images-per-minute',
      '5',
      '--image-rate-window-ms',
      '1000',
      '--max-image-bytes',
      '1000000',
      '--keepalive-ms',
      '250',
      '--now',
      '2026-12-11',
      '--lifecycle',
      'true',
    );
    expect(o).toMatchObject({
      faults: { rateLimitHints: false, unverifiedStreaming: ['gpt-6.1-sol', 'gpt-6.2-sol'] },
      imagesPerMinute: 5,
      imageRateWindowMs: 1000,
      limits: { maxImageBytes: 1_000_000 },
      keepaliveMs: 250,
      now: '2026-12-11',
      lifecycle: true,
    });
    expect(options('--unverified-streaming', 'all').faults?.unverifiedStreaming).toBe(true);
    expect(options().limits).toBeUndefined();
    expect(usageError('--now', 'tomorrow')).toMatch(/ISO 8601/);
    expect(usageError('--now', '2026-13-45')).toMatch(/ISO 8601/);
    expect(usageError('--rate-limit-hints', 'yes')).toMatch(/true or false/);
    expect(usageError('--unverified-streaming', 'a,,b')).toMatch(/MODEL/);
    expect(usageError('--images-per-minute', 'many')).toMatch(/whole number/);
  });

  for (const value of [
    'every:0',
    'first:0',
    '0',
    '0.0',
    '',
    ' ',
    '1.5',
    '-0.1',
    '0x1',
    '1e-1',
    'every:',
    'every:-1',
    'often',
  ]) {
    it(`refuses --rate-limit ${JSON.stringify(value)} instead of ignoring it`, () => {
      expect(usageError('--rate-limit', value)).toContain('--rate-limit');
    });
  }

  it('says why every:0 can never fire', () => {
    expect(usageError('--server-error', 'every:0')).toMatch(
      /--server-error every:0: N must be .*at least 1/,
    );
  });

  for (const [flag, value] of [
    ['--port', '70000'],
    ['--port', ''],
    ['--port', '0x10'],
    ['--latency-event', '-5'],
    ['--retry-after-ms', '1.5'],
    ['--stall-after', 'two'],
    ['--seed', '1e3'],
    ['--host', ''],
    ['--api-key', ' '],
    ['--should-retry', 'yes'],
  ] as const) {
    it(`refuses ${flag} ${JSON.stringify(value)}`, () => {
      expect(usageError(flag, value)).toContain(flag);
    });
  }

  it('refuses unknown flags, stray arguments and a flag given twice', () => {
    expect(usageError('--rate', '0.5')).toContain('--rate');
    expect(usageError('4010')).toContain('4010');
    expect(usageError('--cut', 'every:2', '--cut', 'every:3')).toBe(
      '--cut is given twice; pass it once.',
    );
  });
});
