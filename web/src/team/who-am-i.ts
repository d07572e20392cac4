import { ApiError } from '../api/api';
import type { Me } from './team-api';
import { call, teamApi } from './team-api';

/** Where the app starts, from who is asking. */
export type Entry =
  /** No accounts (solo), or solo with ATELIER_TOKEN still to be typed: the editor as always. */
  | { kind: 'solo'; me?: Me }
  /** Team mode, nobody signed in in this browser. */
  | { kind: 'signed-out' }
  /** Signed in, but in no team yet (an invitation link makes them a member). */
  | { kind: 'outsider'; me: Me }
  | { kind: 'member'; me: Me };

/**
 * Asks /api/me. A 401 means either team mode without a session or a solo server that wants its
 * ATELIER_TOKEN: better-auth's /api/auth/get-session answers only in team mode (a public path
 * there; solo answers 404, or 401 behind the token), which tells the two apart.
 */
export const whoAmI = async (): Promise<Entry> => {
  try {
    const me = await teamApi.me();
    if (me.mode === 'solo') return { kind: 'solo', me };
    return me.team && me.user.role ? { kind: 'member', me } : { kind: 'outsider', me };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) return { kind: 'solo' };
    const team = await call('GET', '/api/auth/get-session').then(
      () => true,
      () => false,
    );
    return team ? { kind: 'signed-out' } : { kind: 'solo' };
  }
};

/** `/invite/<id>`: the page an invitation link opens. */
export const invitationIdOf = (pathname: string): string | undefined =>
  /^\/invite\/([^/]+)\/?$/.exec(pathname)?.[1];
