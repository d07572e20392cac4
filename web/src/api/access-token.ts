/**
 * The server's ATELIER_TOKEN, when it asks for one (HOST not loopback). Kept in this
 * browser only: sent as a Bearer header on API calls, and as the `atelier_token` cookie
 * that the server accepts on GETs, because `<img>` and EventSource cannot send headers.
 */
const KEY = 'atelier.token';
const COOKIE = 'atelier_token';

/** Fired by the API layer when the server answers 401. */
export const UNAUTHORIZED_EVENT = 'atelier:unauthorized';

export const accessToken = (): string | undefined => localStorage.getItem(KEY) ?? undefined;

export function setAccessToken(token: string): void {
  localStorage.setItem(KEY, token);
  document.cookie = `${COOKIE}=${encodeURIComponent(token)}; path=/; SameSite=Strict`;
}

export function clearAccessToken(): void {
  localStorage.removeItem(KEY);
  document.cookie = `${COOKIE}=; path=/; max-age=0; SameSite=Strict`;
}

export const authHeaders = (): Record<string, string> => {
  const token = accessToken();
  return token ? { authorization: `Bearer ${token}` } : {};
};
