import type { MiddlewareHandler } from 'hono';

/**
 * The editor's policy: its own scripts, styles and connections only; images also from data:
 * and blob: URLs (the mask painter and pasted pictures); no plugins, no <base> tricks, and no
 * framing by any site (clickjacking).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React sets style attributes; the built CSS is a file. Inline styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** API answers are data, never a page: nothing in them may load or run, nor be framed. */
export const API_CSP =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Content-Security-Policy (with frame-ancestors 'none'), nosniff and a referrer policy on every
 * answer, the page and the API alike; X-Frame-Options for browsers that predate
 * frame-ancestors.
 */
export const securityHeaders = (): MiddlewareHandler => async (c, next) => {
  await next();
  const api = c.req.path === '/api' || c.req.path.startsWith('/api/');
  c.res.headers.set('Content-Security-Policy', api ? API_CSP : PAGE_CSP);
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  c.res.headers.set('Referrer-Policy', 'no-referrer');
  c.res.headers.set('X-Frame-Options', 'DENY');
};
