import { randomUUID } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { organization } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { defaultStatements } from 'better-auth/plugins/organization/access';
import type { Db } from '../db';
import {
  authAccount,
  authInvitation,
  authMember,
  authOrganization,
  authSession,
  authUser,
  authVerification,
} from '../db/team-schema';
import type { Role } from './actor';
import { ROLES } from './actor';

export interface AccountsOptions {
  db: Db;
  /** Signs session cookies; at least 32 characters (ATELIER_AUTH_SECRET, or one kept in the data folder). */
  secret: string;
  /** Where people reach the server; an https URL makes the cookies Secure. */
  baseURL: string;
  /** Other origins the app may be opened at (loopback aliases when no public URL is set); asked per request. */
  trustedOrigins?: () => string[];
  /** The team's name, shown in the app and on invitations. */
  teamName?: string;
  /** Invitations stay open this long (7 days). */
  invitationExpiresInSeconds?: number;
  /** Where password-reset links go: there is no mail server, so the server log by default. */
  onResetLink?: (email: string, url: string) => void;
  /** The server log; better-auth's own warnings and errors go there (never to stdout). */
  log?: (line: string) => void;
}

/**
 * The organization plugin's permissions, in Atelier's roles: owners and admins manage the team
 * (only an owner can make another owner, the plugin's own rule); the others manage nothing.
 */
const ac = createAccessControl(defaultStatements);
const manager = {
  organization: ['update'],
  member: ['create', 'update', 'delete'],
  invitation: ['create', 'cancel'],
} as const;
const roles = {
  owner: ac.newRole({ ...manager, organization: ['update', 'delete'] }),
  admin: ac.newRole(manager),
  // Empty statements type as `never`; an empty list of one resource says "nothing" as well.
  editor: ac.newRole({ organization: [] }),
  runner: ac.newRole({ organization: [] }),
  viewer: ac.newRole({ organization: [] }),
};

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** better-auth over the server's SQLite (drizzle adapter), with the one team as an organization. */
export const createAccounts = (options: AccountsOptions) => {
  const { db } = options;
  const teamName = options.teamName ?? 'Atelier team';

  /** The first account becomes the owner of the team; everyone after joins by invitation. */
  const adoptFirstAccount = db.sqlite.transaction((userId: string) => {
    let team = db.sqlite.prepare('SELECT id FROM auth_organization LIMIT 1').get() as
      { id: string } | undefined;
    if (!team) {
      team = { id: randomUUID() };
      db.sqlite
        .prepare('INSERT INTO auth_organization (id, name, slug, created_at) VALUES (?, ?, ?, ?)')
        .run(team.id, teamName, 'team', Date.now());
    }
    const { n } = db.sqlite
      .prepare('SELECT count(*) AS n FROM auth_member WHERE organization_id = ?')
      .get(team.id) as { n: number };
    if (n > 0) return false;
    db.sqlite
      .prepare(
        'INSERT INTO auth_member (id, organization_id, user_id, role, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(randomUUID(), team.id, userId, 'owner', Date.now());
    return true;
  });

  const auth = betterAuth({
    appName: 'Atelier',
    baseURL: options.baseURL,
    basePath: '/api/auth',
    trustedOrigins: () => options.trustedOrigins?.() ?? [],
    secret: options.secret,
    database: drizzleAdapter(db.orm, {
      provider: 'sqlite',
      schema: {
        user: authUser,
        session: authSession,
        account: authAccount,
        verification: authVerification,
        organization: authOrganization,
        member: authMember,
        invitation: authInvitation,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 256,
      // There is no mail server: the link goes where the operator can read it.
      sendResetPassword: async ({ user, url }) => options.onResetLink?.(user.email, url),
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    // Sign-in attempts are throttled by the server per socket address (authenticate.ts), which
    // a client cannot forge; better-auth's own limiter keys on X-Forwarded-For.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: {
      level: 'warn',
      log: (level, message) => options.log?.(`auth ${level}: ${message}`),
    },
    advanced: {
      useSecureCookies: options.baseURL.startsWith('https://'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      database: { generateId: () => randomUUID() },
    },
    databaseHooks: {
      user: { create: { after: async (user) => void adoptFirstAccount(user.id) } },
    },
    plugins: [
      organization({
        ac,
        roles,
        creatorRole: 'owner',
        // Nobody makes other teams: the server has one, made with its first account.
        allowUserToCreateOrganization: false,
        invitationExpiresIn: options.invitationExpiresInSeconds ?? 60 * 60 * 24 * 7,
        cancelPendingInvitationsOnReInvite: true,
        // No mail: an admin copies the link (the Team panel shows it).
        sendInvitationEmail: async () => {},
      }),
    ],
  });

  const teamId = (): string | undefined =>
    (
      db.sqlite.prepare('SELECT id FROM auth_organization LIMIT 1').get() as
        { id: string } | undefined
    )?.id;

  const memberRole = (userId: string): Role | undefined => {
    const row = db.sqlite
      .prepare('SELECT role FROM auth_member WHERE user_id = ? LIMIT 1')
      .get(userId) as { role: string } | undefined;
    return isRole(row?.role) ? row.role : undefined;
  };

  const userById = (id: string) =>
    db.sqlite.prepare('SELECT id, name, email FROM auth_user WHERE id = ?').get(id) as
      { id: string; name: string; email: string } | undefined;

  return { auth, teamId, teamName, memberRole, userById };
};

export type Accounts = ReturnType<typeof createAccounts>;
