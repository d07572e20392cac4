import { useState } from 'react';
import { askConfirm } from '../dialogs/ask';
import { copyText } from './copy-text';
import { useDenied, useMe } from './me-store';
import type { Invitation, Role } from './team-api';
import { ROLES, teamApi } from './team-api';
import { useLoaded } from './use-loaded';
import { ErrorAlert } from './ErrorAlert';
import { RoleSelect } from './RoleSelect';

const ROLE_HELP: Record<Role, string> = {
  owner: 'everything, including making other owners',
  admin: 'members, roles, invitations, audit log; edits and runs',
  editor: 'creates, edits, runs and shares recipes',
  runner: 'runs saved recipes and app links; no editing',
  viewer: 'views and comments',
};

/** Members with their roles (admins change them), and invitations with their links. */
export function MembersTab() {
  const me = useMe((s) => s.me);
  const notAdmin = useDenied('admin');
  const { value: team, error, reload, setError } = useLoaded(() => teamApi.team());
  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
    reload();
  };
  // Only an owner can make (or unmake) an owner.
  const assignable = ROLES.filter((r) => r !== 'owner' || me?.user.role === 'owner');

  return (
    <div className="team-tab" data-testid="members-tab">
      <ErrorAlert message={error} testId="team-error" />
      <table className="team-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {team?.members.map((m) => {
            const self = m.userId === me?.user.id;
            const locked = notAdmin ?? (self ? 'You cannot change your own role.' : undefined);
            return (
              <tr key={m.id} data-testid="member-row" data-email={m.email}>
                <td>
                  {m.name}
                  {self && <span className="muted"> (you)</span>}
                </td>
                <td className="muted">{m.email}</td>
                <td>
                  <RoleSelect
                    label={`Role of ${m.name}`}
                    testId="member-role"
                    roles={assignable.includes(m.role) ? assignable : [m.role, ...assignable]}
                    value={m.role}
                    disabled={!!locked || (m.role === 'owner' && me?.user.role !== 'owner')}
                    title={locked ?? ROLE_HELP[m.role]}
                    onChange={(role) => void act(() => teamApi.setRole(m.id, role))}
                  />
                </td>
                <td>
                  {!notAdmin && !self && (
                    <button
                      type="button"
                      className="tb danger"
                      data-testid="member-remove"
                      onClick={() =>
                        void askConfirm({
                          title: `Remove ${m.name}?`,
                          message: `${m.name} (${m.email}) loses access to this team; their work stays.`,
                          confirm: 'Remove',
                          danger: true,
                        }).then(async (ok) => {
                          if (ok) await act(() => teamApi.removeMember(m.id));
                        })
                      }
                    >
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {notAdmin ? (
        <p className="muted">Admins invite people and change roles.</p>
      ) : (
        <Invitations
          invitations={team?.invitations ?? []}
          roles={assignable}
          onChange={reload}
          onError={setError}
        />
      )}
    </div>
  );
}

function Invitations({
  invitations,
  roles,
  onChange,
  onError,
}: {
  invitations: Invitation[];
  roles: readonly Role[];
  onChange(): void;
  onError(message: string | undefined): void;
}) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [copied, setCopied] = useState<string>();
  const copy = async (invitation: Invitation) => {
    const ok = await copyText(invitation.link);
    setCopied(ok ? invitation.id : undefined);
    if (!ok) onError('The browser refused the clipboard: select the link and copy it.');
  };
  const invite = async () => {
    try {
      const made = await teamApi.invite(email.trim(), role);
      setEmail('');
      onError(undefined);
      onChange();
      await copy(made);
    } catch (e) {
      onError((e as Error).message);
    }
  };
  return (
    <section className="team-section">
      <h3>Invite someone</h3>
      <p className="muted">
        There is no mail server: copy the link and send it yourself. It opens a page where they
        create their account with that email and join as the role you chose.
      </p>
      <form
        className="team-row"
        onSubmit={(e) => {
          e.preventDefault();
          void invite();
        }}
      >
        <input
          type="email"
          required
          placeholder="their@email"
          aria-label="Email to invite"
          data-testid="invite-email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <RoleSelect
          label="Role to invite as"
          testId="invite-role"
          roles={roles}
          value={role}
          title={ROLE_HELP[role]}
          onChange={setRole}
        />
        <button type="submit" className="tb primary" data-testid="invite-submit">
          Invite and copy link
        </button>
      </form>
      <p className="muted role-help">
        {role}: {ROLE_HELP[role]}
      </p>
      {invitations.length > 0 && (
        <>
          <h3>Open invitations</h3>
          <ul className="team-list">
            {invitations.map((inv) => (
              <li key={inv.id} data-testid="invitation-row" data-email={inv.email}>
                <span>
                  {inv.email} <span className={`role-chip role-${inv.role}`}>{inv.role}</span>
                </span>
                <input
                  readOnly
                  className="link-field"
                  aria-label={`Invitation link for ${inv.email}`}
                  data-testid="invitation-link"
                  value={inv.link}
                  onFocus={(e) => e.target.select()}
                />
                <button
                  type="button"
                  className="tb"
                  data-testid="invitation-copy"
                  onClick={() => void copy(inv)}
                >
                  {copied === inv.id ? 'Copied' : 'Copy link'}
                </button>
                <button
                  type="button"
                  className="tb danger"
                  data-testid="invitation-revoke"
                  onClick={() =>
                    void teamApi.cancelInvitation(inv.id).then(onChange, (e: Error) => {
                      onError(e.message);
                    })
                  }
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
