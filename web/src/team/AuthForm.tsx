import { useState } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { teamApi } from './team-api';

/**
 * Sign in, or create an account (the first account on a server becomes its owner; the others
 * join through an invitation link). On success `onDone` runs (the page reloads as that person).
 */
export function AuthForm({
  initial = 'sign-in',
  onDone,
  expectEmail,
}: {
  initial?: 'sign-in' | 'sign-up';
  onDone(): void;
  /**
   * An invitation's address: the field starts with it, and another address is refused before
   * any account is made (an account under a typo would be outside the team).
   */
  expectEmail?: string;
}) {
  const [mode, setMode] = useState(initial);
  const [name, setName] = useState('');
  const [email, setEmail] = useState(expectEmail ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const signUp = mode === 'sign-up';

  const submit = async () => {
    setError(undefined);
    if (signUp && !name.trim()) return setError('Type your name: teammates see it on your work.');
    if (signUp && password.length < 8) return setError('Use a password of 8 characters or more.');
    if (expectEmail && email.trim().toLowerCase() !== expectEmail.toLowerCase())
      return setError(
        `This invitation is for ${expectEmail}: ${signUp ? 'create your account' : 'sign in'} with that address, or ask whoever invited you to invite ${email.trim() || 'the address you use'} instead.`,
      );
    setBusy(true);
    try {
      if (signUp) await teamApi.signUp(name.trim(), email.trim(), password);
      else await teamApi.signIn(email.trim(), password);
      onDone();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <form
      className="auth-form"
      data-testid="auth-form"
      aria-label={signUp ? 'Create an account' : 'Sign in'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="auth-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={!signUp}
          className={`tb${!signUp ? ' on' : ''}`}
          data-testid="auth-tab-sign-in"
          onClick={() => setMode('sign-in')}
        >
          Sign in
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={signUp}
          className={`tb${signUp ? ' on' : ''}`}
          data-testid="auth-tab-sign-up"
          onClick={() => setMode('sign-up')}
        >
          Create account
        </button>
      </div>
      {signUp && (
        <label>
          Name
          <input
            data-testid="auth-name"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
      )}
      <label>
        Email
        <input
          type="email"
          required
          data-testid="auth-email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label>
        Password
        <input
          type="password"
          required
          data-testid="auth-password"
          autoComplete={signUp ? 'new-password' : 'current-password'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <ErrorAlert message={error} testId="auth-error" />
      <button type="submit" className="tb primary" data-testid="auth-submit" disabled={busy}>
        {busy ? 'One moment…' : signUp ? 'Create account' : 'Sign in'}
      </button>
      <p className="muted auth-hint">
        {signUp
          ? 'The first account on this server becomes its owner. Everyone else joins with an invitation link from an admin: create your account with the email it was sent to.'
          : 'No account yet? Create one (with an invitation link, use the email it names).'}
      </p>
    </form>
  );
}
