import type { Context, MiddlewareHandler } from 'hono';
import { AuthThrottle } from '../http/auth-throttle';
import { clientOf } from '../http/client-of';
import { errorBody } from '../http/errors';
import type { Accounts } from './accounts';
import type { ApiTokenRepo } from './api-tokens';
import { isApiToken, lowerRole } from './api-tokens';

/** A signed-in person, whether or not they belong to the team. */
export interface Account {
  id: string;
  name: string;
  email: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    account: Account;
  }
}

/**
 * Paths anyone may call: health, share links (their token is the capability), sign-in itself,
 * and an invitation's preview (its id in the link is the capability) for the page before sign-up.
 */
export const isPublicPath = (path: string): boolean =>
  path === '/api/health' ||
  path.startsWith('/api/s/') ||
  path.startsWith('/api/auth/') ||
  /^\/api\/invitations\/[^/]+\/preview$/.test(path);

/** Paths a signed-in account that belongs to no team may call: who am I, and joining. */
export const isSelfPath = (path: string): boolean =>
  path === '/api/me' || /^\/api\/invitations\/[^/]+(\/accept)?$/.test(path);

const bearer = (header: string | undefined): string | undefined =>
  /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();

const unauthorized = (c: Context, message: string) => {
  c.header('WWW-Authenticate', 'Bearer realm="atelier"');
  return c.json(errorBody('unauthorized', message), 401);
};

/**
 * Team mode: who is asking. A personal API token (`Authorization: Bearer atl_…`) or a session
 * cookie names an account; its membership of the team gives the role (a token's role is capped
 * at its owner's current one, so demoting a person demotes their tokens). Without either: 401.
 * An account in no team may only ask who it is and accept an invitation: 403 elsewhere.
 */
export const authenticate = (
  accounts: Accounts,
  tokens: ApiTokenRepo,
  throttle: AuthThrottle = new AuthThrottle(),
): MiddlewareHandler => {
  return async (c, next) => {
    c.set('accountsMode', true);
    if (isPublicPath(c.req.path)) return next();
    const client = clientOf(c);
    const given = bearer(c.req.header('authorization'));
    if (given !== undefined) {
      const wait = throttle.retryAfter(client);
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        return c.json(
          errorBody('too_many_attempts', `Too many wrong tokens; try again in ${wait} s.`),
          429,
        );
      }
      const found = isApiToken(given) ? tokens.find(given) : undefined;
      if (!found) {
        throttle.fail(client);
        return unauthorized(
          c,
          'This API token is unknown or revoked: make a new one in the Team panel (API tokens).',
        );
      }
      const user = accounts.userById(found.userId);
      if (!user) return unauthorized(c, 'The account of this API token no longer exists.');
      c.set('account', user);
      const role = accounts.memberRole(user.id);
      if (role)
        c.set('actor', {
          id: user.id,
          name: user.name,
          role: lowerRole(found.role, role),
          via: 'api_token',
        });
    } else {
      const session = await accounts.auth.api.getSession({ headers: c.req.raw.headers });
      if (!session) return unauthorized(c, 'Sign in first: POST /api/auth/sign-in/email.');
      const { id, name, email } = session.user;
      c.set('account', { id, name, email });
      const role = accounts.memberRole(id);
      if (role) c.set('actor', { id, name, role, via: 'session' });
    }
    if (!c.get('actor') && !isSelfPath(c.req.path))
      return c.json(
        errorBody(
          'not_a_member',
          'Your account is not a member of this team: ask an admin for an invitation link.',
        ),
        403,
      );
    await next();
  };
};
