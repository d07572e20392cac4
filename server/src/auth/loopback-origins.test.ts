import { describe, expect, it } from 'vitest';
import { loopbackOrigins } from './loopback-origins';

describe('loopbackOrigins', () => {
  it('trusts every loopback spelling of the port, whichever one the server printed', () => {
    expect(loopbackOrigins('127.0.0.1', 8787)).toEqual([
      'http://127.0.0.1:8787',
      'http://localhost:8787',
      'http://[::1]:8787',
    ]);
  });

  it('adds a named HOST, and nothing for a wildcard one', () => {
    expect(loopbackOrigins('studio-box', 80)).toContain('http://studio-box:80');
    expect(loopbackOrigins('0.0.0.0', 80)).toHaveLength(3);
    expect(loopbackOrigins('::', 80)).toHaveLength(3);
  });
});
