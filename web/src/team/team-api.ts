/**
 * Team mode over plain fetch (same-origin: the session is an HttpOnly cookie the browser
 * sends). The paths are better-auth's sign-in/up and the server's own /api/team, /api/tokens,
 * /api/audit and /api/invitations routes; errors carry the server's words.
 */
import { ApiError } from '../api/api';

export type Role = 'owner' | 'admin' | 'editor' | 'runner' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'admin', 'editor', 'runner', 'viewer'];

export interface Me {
  mode: 'solo' | 'accounts';
  user: { id: string; name: string; email?: string; role: Role | null; via?: string };
  team: { id: string; name: string } | null;
}

export interface Member {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  createdAt: number;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: number;
  link: string;
}

export interface Team {
  id: string;
  name: string;
  members: Member[];
  invitations: Invitation[];
}

export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: number;
  lastUsedAt?: number | null;
  prefix?: string;
}

export interface AuditEntry {
  id: number;
  at: number;
  actor?: { id: string; name: string };
  action: string;
  target?: string;
  detail?: Record<string, unknown>;
}

export interface InvitationInfo {
  id: string;
  email: string;
  role: Role;
  team: string;
  invitedBy: string;
  expiresAt: number;
}

/** One call: JSON in and out; a 4xx/5xx becomes an ApiError with the server's message. */
export const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached. Is it running?');
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  if (!res.ok) {
    const error = (json as { error?: { code?: string; message?: string; path?: string } })?.error;
    // better-auth answers `{ code, message }` at the top level.
    const flat = json as { code?: string; message?: string } | undefined;
    throw new ApiError(
      res.status,
      error?.code ?? flat?.code?.toLowerCase() ?? `http_${res.status}`,
      error?.message ?? flat?.message ?? `${res.status} ${res.statusText}`,
      error?.path,
    );
  }
  return json as T;
};

export const teamApi = {
  me: () => call<Me>('GET', '/api/me'),
  signIn: (email: string, password: string) =>
    call<unknown>('POST', '/api/auth/sign-in/email', { email, password }),
  signUp: (name: string, email: string, password: string) =>
    call<unknown>('POST', '/api/auth/sign-up/email', { name, email, password }),
  signOut: () => call<unknown>('POST', '/api/auth/sign-out', {}),
  team: () => call<Team>('GET', '/api/team'),
  invite: (email: string, role: Role) =>
    call<Invitation>('POST', '/api/team/invitations', { email, role }),
  cancelInvitation: (id: string) =>
    call<unknown>('DELETE', `/api/team/invitations/${encodeURIComponent(id)}`),
  setRole: (memberId: string, role: Role) =>
    call<Member>('PATCH', `/api/team/members/${encodeURIComponent(memberId)}`, { role }),
  removeMember: (memberId: string) =>
    call<unknown>('DELETE', `/api/team/members/${encodeURIComponent(memberId)}`),
  /** Before sign-up: the invitation's address, role and inviter (the id is the capability). */
  invitationPreview: (id: string) =>
    call<InvitationInfo>('GET', `/api/invitations/${encodeURIComponent(id)}/preview`),
  invitation: (id: string) =>
    call<InvitationInfo>('GET', `/api/invitations/${encodeURIComponent(id)}`),
  accept: (id: string) =>
    call<{ role: Role | null }>('POST', `/api/invitations/${encodeURIComponent(id)}/accept`),
  tokens: () => call<TokenInfo[]>('GET', '/api/tokens'),
  createToken: (name: string, role?: Role) =>
    call<TokenInfo & { token: string }>('POST', '/api/tokens', { name, ...(role && { role }) }),
  revokeToken: (id: string) => call<unknown>('DELETE', `/api/tokens/${encodeURIComponent(id)}`),
  audit: () => call<{ entries: AuditEntry[] }>('GET', '/api/audit?limit=200'),
};
