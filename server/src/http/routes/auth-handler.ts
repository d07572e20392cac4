import { Hono } from 'hono';
import { AuthThrottle } from '../auth-throttle';
import { clientOf } from '../client-of';
import type { AppDeps } from '../deps';
import { errorBody } from '../errors';

/**
 * better-auth's endpoints Atelier uses (the rest, such as the organization plugin's, stay shut:
 * the team is managed through /api/team, which checks roles and writes the audit log).
 */
const OPEN = new Set([
  '/sign-up/email',
  '/sign-in/email',
  '/sign-out',
  '/get-session',
  '/request-password-reset',
  '/reset-password',
  '/change-password',
]);

const opens = (path: string) => OPEN.has(path) || /^\/reset-password\/[^/]+$/.test(path);

/**
 * `/api/auth/*`: better-auth's handler behind a per-address sign-in throttle (failures only;
 * the address is the socket's, never a forgeable header) and the audit log.
 */
export const authHandlerRoutes = (deps: AppDeps, throttle = new AuthThrottle()) =>
  new Hono().on(['GET', 'POST'], '/*', async (c) => {
    const accounts = deps.accounts;
    const path = c.req.path.replace(/^\/api\/auth/, '');
    if (!accounts || !opens(path))
      return c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}.`), 404);
    const signIn = path === '/sign-in/email';
    const signUp = path === '/sign-up/email';
    const client = clientOf(c);
    if (signIn) {
      const wait = throttle.retryAfter(client);
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        return c.json(
          errorBody('too_many_attempts', `Too many failed sign-ins; try again in ${wait} s.`),
          429,
        );
      }
    }
    const sent = signIn ? c.req.raw.clone() : undefined;
    const response = await accounts.auth.handler(c.req.raw);
    if (signIn || signUp) {
      if (response.ok) {
        const { user } = (await response.clone().json()) as {
          user: { id: string; name: string; email: string };
        };
        deps.audit.record(user, signIn ? 'sign_in' : 'sign_up', user.email);
      } else if (signIn && response.status === 401) {
        throttle.fail(client);
        const body = (await sent!.json().catch(() => ({}))) as { email?: unknown };
        const email = typeof body.email === 'string' ? body.email : '';
        deps.audit.record(undefined, 'sign_in_failed', email.slice(0, 200));
      }
    }
    return response;
  });
