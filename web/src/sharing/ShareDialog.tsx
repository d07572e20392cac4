import { useCallback, useEffect, useState } from 'react';
import { Dialog } from '../dialogs/Dialog';
import { Segmented } from '../ui/Segmented';
import type { ShareLink } from './owner-api';
import { sharingApi } from './owner-api';

const EXPIRIES = [
  { label: 'Never', ms: undefined },
  { label: '1 day', ms: 86_400_000 },
  { label: '7 days', ms: 7 * 86_400_000 },
  { label: '30 days', ms: 30 * 86_400_000 },
] as const;

const describe = (link: ShareLink) => {
  const what = link.access === 'view' ? 'View' : 'Run (app page)';
  const version = link.version === undefined ? 'latest version' : `version ${link.version}`;
  const until =
    link.expiresAt === undefined ? '' : ` · until ${new Date(link.expiresAt).toLocaleString()}`;
  const spend =
    link.access === 'run'
      ? ` · ${link.runs} run${link.runs === 1 ? '' : 's'}, $${link.spent.toFixed(2)}${link.maxCost !== undefined ? ` of $${link.maxCost.toFixed(2)}` : ''}`
      : '';
  return `${what} · ${version}${until}${spend}`;
};

/**
 * Share a saved workflow as a link: view (read-only canvas) or run (an app page made from
 * its named inputs), with an expiry and, for run links, a spending cap. The URL is shown
 * once: the server keeps only a hash of its token. Existing links are listed and revoked here.
 */
export const ShareDialog = ({
  workflowId,
  version,
  name,
  onClose,
}: {
  workflowId: string;
  version: number;
  name: string;
  onClose: () => void;
}) => {
  const [links, setLinks] = useState<ShareLink[]>([]);
  const [access, setAccess] = useState<'view' | 'run'>('view');
  const [pin, setPin] = useState(false);
  const [expiry, setExpiry] = useState(0);
  const [cap, setCap] = useState('');
  const [made, setMade] = useState<string>();
  const [error, setError] = useState<string>();

  const reload = useCallback(
    () => sharingApi.listShares(workflowId).then(setLinks, (e: Error) => setError(e.message)),
    [workflowId],
  );
  useEffect(() => void reload(), [reload]);

  const create = async () => {
    setError(undefined);
    const ms = EXPIRIES[expiry]?.ms;
    const maxCost = access === 'run' && cap.trim() !== '' ? Number(cap) : undefined;
    if (maxCost !== undefined && !(maxCost > 0)) {
      setError('The spending cap is an amount in US dollars, like 2.50.');
      return;
    }
    try {
      const link = await sharingApi.createShare(workflowId, {
        access,
        ...(pin ? { version } : {}),
        ...(ms !== undefined ? { expiresAt: Date.now() + ms } : {}),
        ...(maxCost !== undefined ? { maxCost } : {}),
      });
      setMade(link.url);
      await navigator.clipboard?.writeText(link.url).catch(() => undefined);
      await reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const revoke = async (id: string) => {
    try {
      await sharingApi.revokeShare(id);
      await reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Dialog
      title={`Share “${name}”`}
      className="share-dialog"
      testId="share-dialog"
      onClose={onClose}
      actions={
        <button type="button" className="tb" onClick={onClose}>
          Close
        </button>
      }
    >
      <Segmented
        label="What the link opens"
        value={access}
        onChange={setAccess}
        options={[
          { value: 'view', label: 'View', testId: 'share-access-view' },
          { value: 'run', label: 'Run', testId: 'share-access-run' },
        ]}
      />
      <p className="muted small share-choice-help">
        {access === 'view'
          ? 'A read-only canvas with its latest outputs; a teammate with access to this server can fork it.'
          : 'An app page made from its named inputs: anyone with the link runs it (on this server’s API key).'}
      </p>
      <label>
        <input type="checkbox" checked={pin} onChange={(e) => setPin(e.target.checked)} /> Only
        version {version} (otherwise the link always shows the latest)
      </label>
      <label>
        Expires{' '}
        <select
          className="field-input share-select"
          value={expiry}
          onChange={(e) => setExpiry(Number(e.target.value))}
        >
          {EXPIRIES.map((x, i) => (
            <option key={x.label} value={i}>
              {x.label}
            </option>
          ))}
        </select>
      </label>
      {access === 'run' && (
        <label>
          Spending cap (USD){' '}
          <input
            className="field-input share-select"
            inputMode="decimal"
            placeholder="none"
            aria-label="Spending cap"
            value={cap}
            onChange={(e) => setCap(e.target.value)}
          />
        </label>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className="tb primary"
          data-testid="share-create"
          onClick={() => void create()}
        >
          Create link
        </button>
      </div>
      {made && (
        <div className="share-made" role="status">
          <span>Link copied — it is shown only now:</span>
          {/* A wrapping field: the whole link is in view, however long the address. */}
          <textarea
            readOnly
            rows={2}
            className="field-input share-url"
            value={made}
            aria-label="New link"
            data-testid="share-url"
            onFocus={(e) => e.target.select()}
          />
          <button
            type="button"
            className="tb"
            onClick={() => void navigator.clipboard?.writeText(made).catch(() => undefined)}
          >
            Copy
          </button>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <h3>Links</h3>
      {links.length === 0 ? (
        <p className="muted">No links yet.</p>
      ) : (
        <ul className="issues" data-testid="share-links">
          {links.map((link) => (
            <li key={link.id} className={link.status === 'active' ? '' : 'muted'}>
              {describe(link)} · {link.status}
              {link.status === 'active' && (
                <button type="button" className="tb" onClick={() => void revoke(link.id)}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
};
