import { useState } from 'react';
import { copyText } from './copy-text';
import { useMe } from './me-store';
import type { Role } from './team-api';
import { ROLES, teamApi } from './team-api';
import { useLoaded } from './use-loaded';
import { ErrorAlert } from './ErrorAlert';
import { RoleSelect } from './RoleSelect';

const when = (at?: number | null) => (at ? new Date(at).toLocaleString() : '—');

/** Your personal API tokens (for the CLI and scripts): made here, shown once, revocable. */
export function TokensTab() {
  const myRole = useMe((s) => s.me?.user.role ?? 'viewer');
  // A token can have your role or less.
  const roles = ROLES.slice(ROLES.indexOf(myRole));
  const { value: tokens, error, reload, setError } = useLoaded(() => teamApi.tokens());
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(myRole);
  const [fresh, setFresh] = useState<{ name: string; token: string; copied?: boolean }>();

  const create = async () => {
    try {
      const made = await teamApi.createToken(name.trim(), role);
      setFresh({ name: made.name, token: made.token });
      setName('');
      setError(undefined);
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="team-tab" data-testid="tokens-tab">
      <p className="muted">
        A token acts as you, with its role or your current role, whichever is lower. Send it as{' '}
        <code>Authorization: Bearer atl_…</code>, or give it to the CLI:{' '}
        <code>ATELIER_API_TOKEN=atl_… atelier run --server {location.origin} …</code>
      </p>
      <ErrorAlert message={error} testId="team-error" />
      <form
        className="team-row"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <input
          required
          maxLength={100}
          placeholder="What it is for (e.g. render box CLI)"
          aria-label="Token name"
          data-testid="token-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <RoleSelect
          label="Token role"
          testId="token-role"
          roles={roles}
          value={role}
          onChange={setRole}
        />
        <button type="submit" className="tb primary" data-testid="token-create">
          Create token
        </button>
      </form>
      {fresh && (
        <div className="fresh-token" data-testid="fresh-token" role="status">
          <p>
            <strong>{fresh.name}</strong>: copy it now, it is shown only once (the server keeps only
            its hash).
          </p>
          <div className="team-row">
            <input
              readOnly
              className="link-field mono"
              aria-label="New token"
              data-testid="fresh-token-value"
              value={fresh.token}
              onFocus={(e) => e.target.select()}
            />
            <button
              type="button"
              className="tb"
              data-testid="fresh-token-copy"
              onClick={() =>
                void copyText(fresh.token).then((copied) => setFresh({ ...fresh, copied }))
              }
            >
              {fresh.copied ? 'Copied' : 'Copy'}
            </button>
            <button type="button" className="tb" onClick={() => setFresh(undefined)}>
              Done
            </button>
          </div>
        </div>
      )}
      <table className="team-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Starts</th>
            <th>Role</th>
            <th>Created</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens?.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No tokens yet.
              </td>
            </tr>
          )}
          {tokens?.map((t) => (
            <tr key={t.id} data-testid="token-row" data-name={t.name}>
              <td>{t.name}</td>
              <td className="mono muted">{t.prefix}…</td>
              <td>{t.role}</td>
              <td className="muted">{when(t.createdAt)}</td>
              <td className="muted">{when(t.lastUsedAt)}</td>
              <td>
                <button
                  type="button"
                  className="tb danger"
                  data-testid="token-revoke"
                  onClick={() =>
                    void teamApi.revokeToken(t.id).then(reload, (e: Error) => setError(e.message))
                  }
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
