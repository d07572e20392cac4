import { afterEach, describe, expect, it } from 'vitest';
import { accessToken, authHeaders, clearAccessToken, setAccessToken } from './access-token';

afterEach(() => clearAccessToken());

describe('access token', () => {
  it('sends nothing until a token is set', () => {
    expect(authHeaders()).toEqual({});
    expect(document.cookie).not.toContain('atelier_token=');
  });

  it('sends a set token as a Bearer header and as the cookie images and streams carry', () => {
    setAccessToken('s3cret token');
    expect(accessToken()).toBe('s3cret token');
    expect(authHeaders()).toEqual({ authorization: 'Bearer s3cret token' });
    expect(document.cookie).toContain('atelier_token=s3cret%20token');
  });

  it('forgets the token and its cookie when cleared', () => {
    setAccessToken('abc');
    clearAccessToken();
    expect(authHeaders()).toEqual({});
    expect(document.cookie).not.toContain('atelier_token=abc');
  });
});
