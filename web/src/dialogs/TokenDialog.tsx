import { useEffect, useState } from 'react';
import { setAccessToken, UNAUTHORIZED_EVENT } from '../api/access-token';
import { isTeamMode, useMe } from '../team/me-store';

/**
 * Asks for the server's ATELIER_TOKEN the first time the API answers 401 (the server was
 * started on a non-loopback HOST). The token stays in this browser; the page reloads so
 * every request, image and event stream carries it.
 */
export function TokenDialog() {
  const [open, setOpen] = useState(false);
  const [token, setToken] = useState('');
  useEffect(() => {
    // Team mode: a 401 is an ended session, and the sign-in page (after a reload) is the answer.
    const show = () => (isTeamMode(useMe.getState().me) ? window.location.reload() : setOpen(true));
    window.addEventListener(UNAUTHORIZED_EVENT, show);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, show);
  }, []);
  if (!open) return null;
  const save = () => {
    if (!token.trim()) return;
    setAccessToken(token.trim());
    window.location.reload();
  };
  return (
    <div className="modal-backdrop">
      <form
        className="dialog"
        role="dialog"
        aria-label="Access token"
        data-testid="token-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <h2>This server needs an access token</h2>
        <p>
          It was started with <code>ATELIER_TOKEN</code>. Ask whoever runs it for the token; it is
          kept in this browser only.
        </p>
        <input
          type="password"
          autoFocus
          aria-label="Access token"
          data-testid="token-input"
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <div className="dialog-actions">
          <button type="submit" className="tb primary" data-testid="token-save">
            Use this token
          </button>
        </div>
      </form>
    </div>
  );
}
