import type { Context } from 'hono';
import { ApiError } from '../http/errors';

/**
 * Who is making a request, and what their role lets them do. Every route asks `can` (or
 * `authorize`) with the action it performs; the authentication middleware (solo token or
 * team accounts) is the only place that sets the actor.
 */
export const ROLES = ['owner', 'admin', 'editor', 'runner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  /** A user id in team mode; `local` in solo mode. */
  id: string;
  /** What other people see (version authors, comments, presence). */
  name: string;
  role: Role;
  /** How the request proved who it is. */
  via: 'solo' | 'session' | 'api_token';
}

/** Solo mode (no accounts): the one person at the keyboard may do everything. */
export const SOLO_ACTOR: Actor = { id: 'local', name: 'You', role: 'owner', via: 'solo' };

/** What a route does, as far as permission goes. */
export type Action =
  | 'view' // read workflows, versions, runs, blobs, events
  | 'comment' // comment, answer, resolve, star
  | 'run' // start runs and batches, use app links
  | 'edit' // create, save, rename, delete, fork, import, share
  | 'admin'; // members, roles, invitations, audit log

const ALLOWED: Record<Role, readonly Action[]> = {
  owner: ['view', 'comment', 'run', 'edit', 'admin'],
  admin: ['view', 'comment', 'run', 'edit', 'admin'],
  editor: ['view', 'comment', 'run', 'edit'],
  runner: ['view', 'comment', 'run'],
  viewer: ['view', 'comment'],
};

export const can = (role: Role, action: Action): boolean => ALLOWED[role].includes(action);

declare module 'hono' {
  interface ContextVariableMap {
    actor: Actor;
    /** Set in team mode: a request without an actor is then nobody, never the solo owner. */
    accountsMode: boolean;
  }
}

/**
 * The request's actor: set by authentication; solo when no authentication is configured. In
 * team mode a request that reached a route without one (an account in no team) is refused.
 */
export const actorOf = (c: Context): Actor => {
  const actor = c.get('actor');
  if (actor) return actor;
  if (c.get('accountsMode'))
    throw new ApiError(
      403,
      'not_a_member',
      'Your account is not a member of this team: ask an admin for an invitation link.',
    );
  return SOLO_ACTOR;
};

/** Throws 403 unless the request's actor may perform `action` (answered by app.onError). */
export const authorize = (c: Context, action: Action): Actor => {
  const actor = actorOf(c);
  if (!can(actor.role, action))
    throw new ApiError(
      403,
      'forbidden',
      `Your role (${actor.role}) cannot ${action} here; ask an admin of this workspace for a role that can.`,
    );
  return actor;
};
