import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolveProviderKind } from './config';

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      dataDir: './data',
      provider: 'auto',
      concurrency: 8,
      idleTimeoutMs: 120_000,
    });
    expect(config.models.model).toBeTruthy();
    expect(resolveProviderKind(config)).toBe('simulator');
  });

  it('picks OpenAI in auto mode when a key is set', () => {
    const config = loadConfig({ OPENAI_API_KEY: 'sk-test', ATELIER_IMAGE_MODEL: 'gpt-image-1' });
    expect(resolveProviderKind(config)).toBe('openai');
    expect(config.models.imageModel).toBe('gpt-image-1');
  });

  it('names the variable and what it expects when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty".*whole number/);
    expect(() => loadConfig({ ATELIER_PROVIDER: 'azure' })).toThrow(ConfigError);
    expect(() => loadConfig({ ATELIER_CONCURRENCY: '0' })).toThrow(/ATELIER_CONCURRENCY/);
    expect(() => loadConfig({ ATELIER_DAILY_MAX_COST: 'lots' })).toThrow(
      /ATELIER_DAILY_MAX_COST="lots".*amount in USD/,
    );
  });

  it('reads the daily cap in USD, unset by default', () => {
    expect(loadConfig({}).dailyMaxCost).toBeUndefined();
    expect(loadConfig({ ATELIER_DAILY_MAX_COST: '$7.50' }).dailyMaxCost).toBe(7.5);
  });

  it('refuses provider openai without a key, without echoing any key', () => {
    expect(() => loadConfig({ ATELIER_PROVIDER: 'openai' })).toThrow(/OPENAI_API_KEY/);
  });
});
