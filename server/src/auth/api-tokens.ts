import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/create-db';
import { newId } from '../db/ids';
import type { Role } from './actor';
import { ROLES } from './actor';

/** Personal API tokens start with this, so a leaked one is easy to recognise (and to scan for). */
export const API_TOKEN_PREFIX = 'atl_';

/** `atl_` + 32 random bytes, base64url (256 bits). */
const TOKEN_PATTERN = /^atl_[A-Za-z0-9_-]{43}$/;

export const isApiToken = (value: string): boolean => value.startsWith(API_TOKEN_PREFIX);

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** What a person sees of a token: never the token itself (only its hash is kept). */
export interface ApiTokenInfo {
  id: string;
  name: string;
  /** The first characters, to tell tokens apart. */
  prefix: string;
  role: Role;
  createdAt: number;
  lastUsedAt?: number;
}

interface Row {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  role: Role;
  created_at: number;
  last_used_at: number | null;
}

const info = (row: Row): ApiTokenInfo => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  role: row.role,
  createdAt: row.created_at,
  ...(row.last_used_at !== null ? { lastUsedAt: row.last_used_at } : {}),
});

/** The lower of two roles (owner is the highest). */
export const lowerRole = (a: Role, b: Role): Role => (ROLES.indexOf(a) >= ROLES.indexOf(b) ? a : b);

/** Named, hashed at rest, revocable tokens that act for their owner, with a role at most theirs. */
export class ApiTokenRepo {
  constructor(private readonly db: Db) {}

  create(userId: string, name: string, role: Role): { token: string; info: ApiTokenInfo } {
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row: Row = {
      id: newId('tok'),
      user_id: userId,
      name,
      prefix: token.slice(0, 8),
      role,
      created_at: Date.now(),
      last_used_at: null,
    };
    this.db.sqlite
      .prepare(
        'INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(row.id, userId, name, hash(token), row.prefix, role, row.created_at);
    return { token, info: info(row) };
  }

  list(userId: string): ApiTokenInfo[] {
    return (
      this.db.sqlite
        .prepare(
          'SELECT * FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC',
        )
        .all(userId) as Row[]
    ).map(info);
  }

  /** Revokes one of the person's own tokens; false when they have no such live token. */
  revoke(userId: string, id: string): boolean {
    return (
      this.db.sqlite
        .prepare(
          'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL',
        )
        .run(Date.now(), id, userId).changes === 1
    );
  }

  /** The live token's owner and role, or undefined (unknown, revoked or malformed alike). */
  find(token: string): { id: string; userId: string; role: Role; name: string } | undefined {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const row = this.db.sqlite
      .prepare('SELECT * FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL')
      .get(hash(token)) as Row | undefined;
    if (!row) return undefined;
    this.db.sqlite
      .prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?')
      .run(Date.now(), row.id);
    return { id: row.id, userId: row.user_id, role: row.role, name: row.name };
  }
}
