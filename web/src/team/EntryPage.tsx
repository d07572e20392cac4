import './team.css';
import { useEffect, useState } from 'react';
import { AuthForm } from './AuthForm';
import type { InvitationInfo } from './team-api';
import { ErrorAlert } from './ErrorAlert';
import { teamApi } from './team-api';
import type { Entry } from './who-am-i';

const reload = () => window.location.reload();
const toEditor = () => window.location.assign('/');

const signOut = async () => {
  await teamApi.signOut().catch(() => undefined);
  toEditor();
};

/**
 * What team mode shows before the editor: sign-in/sign-up for a visitor, the invitation page
 * (`/invite/<id>`), or "not in this team yet" for an account without an invitation.
 */
export function EntryPage({ entry, inviteId }: { entry: Entry; inviteId?: string }) {
  return (
    <div className="entry-page" data-testid="entry-page">
      <div className="entry-card">
        <div className="brand entry-brand">
          <span className="logo">◆</span> Atelier
        </div>
        {inviteId ? (
          <InvitationView entry={entry} id={inviteId} />
        ) : entry.kind === 'signed-out' ? (
          <>
            <h1>Sign in to your team’s Atelier</h1>
            <AuthForm onDone={reload} />
          </>
        ) : entry.kind === 'outsider' ? (
          <div data-testid="not-a-member">
            <h1>You are not in this team yet</h1>
            <p>
              You are signed in as <strong>{entry.me.user.name}</strong> ({entry.me.user.email}),
              but this account is not a member. Ask an admin for an invitation link and open it
              here.
            </p>
            <button type="button" className="tb" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** `/invite/<id>`: sign in (or create the account) first, then see the invitation and accept it. */
function InvitationView({ entry, id }: { entry: Entry; id: string }) {
  const [info, setInfo] = useState<InvitationInfo>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const signedIn = entry.kind === 'outsider' || entry.kind === 'member';

  useEffect(() => {
    // Before sign-up the public preview says who invited whom; after it, the full read.
    (signedIn ? teamApi.invitation(id) : teamApi.invitationPreview(id)).then(setInfo, (e: Error) =>
      setError(e.message),
    );
  }, [id, signedIn]);

  if (!signedIn)
    return (
      <>
        <h1>{info ? `Join ${info.team}` : 'You are invited to a team'}</h1>
        {info && <InvitationDetails info={info} />}
        <ErrorAlert message={error} testId="invitation-error" />
        <p className="muted">
          {info
            ? `Create your account with ${info.email} (or sign in if you have one); then accept it here.`
            : 'Create your account with the email the invitation was sent to (or sign in if you have one); then accept it here.'}
        </p>
        <AuthForm
          key={info?.email ?? ''}
          initial="sign-up"
          onDone={reload}
          expectEmail={info?.email}
        />
      </>
    );

  const accept = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await teamApi.accept(id);
      toEditor();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <div data-testid="invitation">
      <h1>{info ? `Join ${info.team}` : 'Invitation'}</h1>
      {info && <InvitationDetails info={info} />}
      {entry.kind === 'member' && (
        <p className="muted">
          You are already a member ({entry.me.user.role}) as {entry.me.user.email}.
        </p>
      )}
      <ErrorAlert message={error} testId="invitation-error" />
      <div className="dialog-actions">
        <button type="button" className="tb" onClick={() => void signOut()}>
          Sign out ({entry.me.user.email})
        </button>
        {entry.kind === 'member' ? (
          <button type="button" className="tb primary" onClick={toEditor}>
            Open the editor
          </button>
        ) : (
          <button
            type="button"
            className="tb primary"
            data-testid="accept-invitation"
            disabled={busy || !info}
            onClick={() => void accept()}
          >
            Accept and open the editor
          </button>
        )}
      </div>
    </div>
  );
}

/** Who invited which address as which role, and until when. */
function InvitationDetails({ info }: { info: InvitationInfo }) {
  return (
    <p data-testid="invitation-details">
      {info.invitedBy} invited <strong>{info.email}</strong> as <strong>{info.role}</strong>. The
      invitation is open until {new Date(info.expiresAt).toLocaleString()}.
    </p>
  );
}
