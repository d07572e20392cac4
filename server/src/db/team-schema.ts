import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Team mode (ATELIER_AUTH=accounts). The `auth_*` tables are better-auth's (user, session,
 * account, verification, and the organization plugin's organization, member, invitation), in
 * the shape its drizzle adapter expects; better-auth's dates are Date objects, stored as epoch
 * milliseconds like the rest of the server. The other tables are Atelier's own.
 */
const ms = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const authUser = sqliteTable('auth_user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
  image: text('image'),
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const authSession = sqliteTable(
  'auth_session',
  {
    id: text('id').primaryKey(),
    expiresAt: ms('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    activeOrganizationId: text('active_organization_id'),
  },
  (t) => [index('auth_session_user_id').on(t.userId)],
);

export const authAccount = sqliteTable(
  'auth_account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: ms('access_token_expires_at'),
    refreshTokenExpiresAt: ms('refresh_token_expires_at'),
    scope: text('scope'),
    /** better-auth's scrypt hash of the password; never the password. */
    password: text('password'),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('auth_account_user_id').on(t.userId)],
);

export const authVerification = sqliteTable('auth_verification', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: ms('expires_at').notNull(),
  createdAt: ms('created_at'),
  updatedAt: ms('updated_at'),
});

/** The one team of this server (the organization plugin allows more; Atelier makes one). */
export const authOrganization = sqliteTable('auth_organization', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  logo: text('logo'),
  metadata: text('metadata'),
  createdAt: ms('created_at').notNull(),
});

export const authMember = sqliteTable(
  'auth_member',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => authOrganization.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('auth_member_user_id').on(t.userId)],
);

export const authInvitation = sqliteTable(
  'auth_invitation',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => authOrganization.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role'),
    teamId: text('team_id'),
    status: text('status').notNull().default('pending'),
    expiresAt: ms('expires_at').notNull(),
    inviterId: text('inviter_id')
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    createdAt: ms('created_at'),
  },
  (t) => [index('auth_invitation_email').on(t.email)],
);

/**
 * Personal API tokens: only the SHA-256 of the token is kept (it is shown once). A request
 * with one acts with the lower of `role` and the owner's current role in the team.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the token, so a person can tell theirs apart. */
    prefix: text('prefix').notNull(),
    role: text('role').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('api_tokens_user_id').on(t.userId)],
);

/** Who did what: sign-ins, role changes, invitations, shares, deletions, tokens. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    target: text('target'),
    detail: text('detail', { mode: 'json' }),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

/** Who uploaded a blob: an upload nothing references yet is served to its uploader only. */
export const blobUploads = sqliteTable(
  'blob_uploads',
  {
    blob: text('blob').notNull(),
    actorId: text('actor_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.blob, t.actorId] })],
);
