import type { Context } from 'hono';
import { Hono } from 'hono';
import { APIError } from 'better-auth/api';
import { z } from 'zod';
import { actorOf, can } from '../../auth/actor';
import { allow } from '../../auth/allow';
import type { Accounts } from '../../auth/accounts';
import { isRole } from '../../auth/accounts';
import { ApiTokenRepo, lowerRole } from '../../auth/api-tokens';
import type { Role } from '../../auth/actor';
import type { AppDeps } from '../deps';
import type { ErrorStatus } from '../errors';
import { ApiError, apiError } from '../errors';
import { jsonBody, validate } from '../validate';
import { authMessage } from './auth-messages';

const role = z.string().refine(isRole, 'expected owner, admin, editor, runner or viewer');
const inviteSchema = z.object({ email: z.string().trim().email(), role });
const roleSchema = z.object({ role });
const tokenSchema = z.object({ name: z.string().trim().min(1).max(100), role: role.optional() });
const idParam = z.object({ id: z.string().min(1).max(100) });
const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  before: z.coerce.number().int().positive().optional(),
});

const teamsOff = () =>
  new ApiError(
    404,
    'teams_off',
    'This server runs without accounts (solo mode): start it with ATELIER_AUTH=accounts for a team.',
  );

/**
 * better-auth's refusals keep their status in Atelier's error shape, with a message that says
 * what to do (auth-messages.ts) instead of the library's own wording where we know the code.
 */
const fromAuth = (error: unknown): never => {
  if (error instanceof APIError) {
    const body = (error.body ?? {}) as { code?: string; message?: string };
    const status = [400, 401, 403, 404, 409, 422, 429].includes(error.statusCode)
      ? (error.statusCode as ErrorStatus)
      : 400;
    const code = (body.code ?? 'auth_error').toLowerCase();
    throw new ApiError(status, code, authMessage(code) ?? body.message ?? error.message);
  }
  throw error;
};

/** Team management needs the person's session: an API token cannot change the team. */
const sessionHeaders = (c: Context): Headers => {
  if (actorOf(c).via !== 'session')
    throw new ApiError(
      403,
      'session_required',
      'Manage the team from the app (a signed-in session), not with an API token.',
    );
  return c.req.raw.headers;
};

/** Where an invitation is accepted: the app's page for it, on the origin the admin uses. */
const invitationLink = (c: Context, id: string) => `${new URL(c.req.url).origin}/invite/${id}`;

/**
 * `/api/me`, the team (members, roles, invitations), personal API tokens and the audit log.
 * In solo mode only /api/me and the audit log answer; the rest say teams are off.
 */
export const teamRoutes = (deps: AppDeps) => {
  const accounts = deps.accounts;
  const tokens = new ApiTokenRepo(deps.db);
  const need = (): Accounts => {
    if (!accounts) throw teamsOff();
    return accounts;
  };
  const teamId = () => {
    const id = need().teamId();
    if (!id) throw new ApiError(404, 'no_team', 'This server has no team yet: sign up first.');
    return id;
  };
  const account = (c: Context) => {
    const found = c.get('account');
    if (!found) throw teamsOff();
    return found;
  };

  const members = () =>
    deps.db.sqlite
      .prepare(
        `SELECT m.id, m.user_id AS userId, u.name, u.email, m.role, m.created_at AS createdAt
         FROM auth_member m JOIN auth_user u ON u.id = m.user_id ORDER BY m.created_at`,
      )
      .all() as {
      id: string;
      userId: string;
      name: string;
      email: string;
      role: string;
      createdAt: number;
    }[];

  /** An open invitation with its inviter's name, read straight from the table (no session needed). */
  const openInvitation = (id: string) =>
    deps.db.sqlite
      .prepare(
        `SELECT i.id, i.email, i.role, i.expires_at AS expiresAt, u.email AS invitedBy, o.name AS team
         FROM auth_invitation i LEFT JOIN auth_user u ON u.id = i.inviter_id
         LEFT JOIN auth_organization o ON o.id = i.organization_id
         WHERE i.id = ? AND i.status = 'pending' AND i.expires_at > ?`,
      )
      .get(id, Date.now()) as
      | {
          id: string;
          email: string;
          role: string;
          expiresAt: number;
          invitedBy: string | null;
          team: string | null;
        }
      | undefined;
  const invitationGone = () =>
    new ApiError(
      404,
      'invitation_not_found',
      'This invitation link is no longer valid (cancelled, used or expired): ask whoever invited you for a new one.',
    );

  const pendingInvitations = (c: Context) =>
    (
      deps.db.sqlite
        .prepare(
          `SELECT id, email, role, expires_at AS expiresAt, created_at AS createdAt FROM auth_invitation
           WHERE status = 'pending' AND expires_at > ? ORDER BY created_at DESC`,
        )
        .all(Date.now()) as { id: string; email: string; role: string; expiresAt: number }[]
    ).map((invitation) => ({ ...invitation, link: invitationLink(c, invitation.id) }));

  return (
    new Hono()
      // Who am I: any signed-in account (also one in no team), and the solo person.
      .get('/me', (c) => {
        if (!accounts) return c.json({ mode: 'solo' as const, user: actorOf(c), team: null }, 200);
        const me = account(c);
        const actor = c.get('actor');
        return c.json(
          {
            mode: 'accounts' as const,
            user: { ...me, role: actor?.role ?? null, via: actor?.via ?? 'session' },
            team: actor ? { id: teamId(), name: accounts.teamName } : null,
          },
          200,
        );
      })
      .get('/team', allow('view'), (c) => {
        need();
        const admin = can(actorOf(c).role, 'admin');
        return c.json(
          {
            id: teamId(),
            name: need().teamName,
            members: members(),
            // Only admins see (and can copy) open invitation links.
            invitations: admin ? pendingInvitations(c) : [],
          },
          200,
        );
      })
      .post(
        '/team/invitations',
        allow('admin'),
        jsonBody,
        validate('json', inviteSchema),
        async (c) => {
          const { email, role: invited } = c.req.valid('json');
          const actor = actorOf(c);
          if (invited === 'owner' && actor.role !== 'owner')
            return apiError(c, 403, 'forbidden', 'Only an owner can invite another owner.');
          const invitation = await need()
            .auth.api.createInvitation({
              headers: sessionHeaders(c),
              body: { email, role: invited, organizationId: teamId() },
            })
            .catch(fromAuth);
          deps.audit.record(actor, 'invitation.created', email, { role: invited });
          return c.json(
            {
              id: invitation.id,
              email: invitation.email,
              role: invitation.role,
              expiresAt: new Date(invitation.expiresAt).getTime(),
              link: invitationLink(c, invitation.id),
            },
            201,
          );
        },
      )
      .delete('/team/invitations/:id', allow('admin'), validate('param', idParam), async (c) => {
        const { id } = c.req.valid('param');
        await need()
          .auth.api.cancelInvitation({ headers: sessionHeaders(c), body: { invitationId: id } })
          .catch(fromAuth);
        deps.audit.record(actorOf(c), 'invitation.cancelled', id);
        return c.json({ id, cancelled: true as const }, 200);
      })
      .patch(
        '/team/members/:id',
        allow('admin'),
        validate('param', idParam),
        jsonBody,
        validate('json', roleSchema),
        async (c) => {
          const { id } = c.req.valid('param');
          const { role: next } = c.req.valid('json');
          const before = members().find((m) => m.id === id);
          if (!before) return apiError(c, 404, 'member_not_found', `No member with id "${id}".`);
          await need()
            .auth.api.updateMemberRole({
              headers: sessionHeaders(c),
              body: { memberId: id, role: next, organizationId: teamId() },
            })
            .catch(fromAuth);
          deps.audit.record(actorOf(c), 'member.role_changed', before.email, {
            from: before.role,
            to: next,
          });
          return c.json({ ...before, role: next }, 200);
        },
      )
      .delete('/team/members/:id', allow('admin'), validate('param', idParam), async (c) => {
        const { id } = c.req.valid('param');
        const before = members().find((m) => m.id === id);
        if (!before) return apiError(c, 404, 'member_not_found', `No member with id "${id}".`);
        await need()
          .auth.api.removeMember({
            headers: sessionHeaders(c),
            body: { memberIdOrEmail: id, organizationId: teamId() },
          })
          .catch(fromAuth);
        deps.audit.record(actorOf(c), 'member.removed', before.email, { role: before.role });
        return c.json({ id, removed: true as const }, 200);
      })
      // The invitation page: a signed-in account (usually in no team yet) reads and accepts it.
      .get('/invitations/:id', validate('param', idParam), async (c) => {
        const { id } = c.req.valid('param');
        need();
        const found = await need()
          .auth.api.getInvitation({ headers: c.req.raw.headers, query: { id } })
          .catch(fromAuth);
        return c.json(
          {
            id: found.id,
            email: found.email,
            role: found.role,
            team: found.organizationName,
            invitedBy: found.inviterEmail,
            expiresAt: new Date(found.expiresAt).getTime(),
          },
          200,
        );
      })
      // Before sign-up: who invited whom as which role. Public: the id in the link is the
      // capability (as a share token is), and it answers only for an open invitation.
      .get('/invitations/:id/preview', validate('param', idParam), (c) => {
        need();
        const found = openInvitation(c.req.valid('param').id);
        if (!found) throw invitationGone();
        return c.json(
          {
            id: found.id,
            email: found.email,
            role: found.role,
            team: found.team ?? need().teamName,
            invitedBy: found.invitedBy ?? 'an admin',
            expiresAt: new Date(found.expiresAt).getTime(),
          },
          200,
        );
      })
      .post('/invitations/:id/accept', validate('param', idParam), async (c) => {
        const { id } = c.req.valid('param');
        const me = account(c);
        const open = openInvitation(id);
        // Say which address the invitation is for, not only that this account is not it.
        if (open && open.email.toLowerCase() !== me.email.toLowerCase())
          return apiError(
            c,
            403,
            'not_the_recipient',
            `This invitation is for ${open.email}, and you are signed in as ${me.email}: sign out and sign up or sign in with ${open.email}.`,
          );
        const accepted = await need()
          .auth.api.acceptInvitation({ headers: c.req.raw.headers, body: { invitationId: id } })
          .catch(fromAuth);
        deps.audit.record(me, 'invitation.accepted', me.email, {
          role: accepted?.member.role,
        });
        return c.json({ role: accepted?.member.role ?? null }, 200);
      })
      // Personal API tokens: each person sees and revokes only their own.
      .get('/tokens', allow('view'), (c) => {
        need();
        return c.json(tokens.list(actorOf(c).id), 200);
      })
      .post('/tokens', allow('view'), jsonBody, validate('json', tokenSchema), (c) => {
        need();
        const actor = actorOf(c);
        const { name, role: wanted = actor.role } = c.req.valid('json');
        // A token never has more than its owner: an editor cannot make an admin token.
        if (lowerRole(wanted as Role, actor.role) !== wanted)
          return apiError(
            c,
            403,
            'forbidden',
            `A token can have your role (${actor.role}) or less, not ${wanted}.`,
            { path: 'role' },
          );
        const created = tokens.create(actor.id, name, wanted);
        deps.audit.record(actor, 'token.created', name, { role: wanted });
        return c.json({ ...created.info, token: created.token }, 201);
      })
      .delete('/tokens/:id', allow('view'), validate('param', idParam), (c) => {
        need();
        const { id } = c.req.valid('param');
        const actor = actorOf(c);
        if (!tokens.revoke(actor.id, id))
          return apiError(c, 404, 'token_not_found', `You have no live token with id "${id}".`);
        deps.audit.record(actor, 'token.revoked', id);
        return c.json({ id, revoked: true as const }, 200);
      })
      .get('/audit', allow('admin'), validate('query', auditQuery), (c) => {
        return c.json({ entries: deps.audit.list(c.req.valid('query')) }, 200);
      })
  );
};
