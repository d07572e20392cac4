import { teamApi } from './team-api';
import { useLoaded } from './use-loaded';
import { ErrorAlert } from './ErrorAlert';

const detailText = (detail?: Record<string, unknown>) =>
  detail
    ? Object.entries(detail)
        .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(', ')
    : '';

/** The audit log, newest first (admins): sign-ins, invitations, roles, shares, deletions, tokens. */
export function AuditTab() {
  const { value, error, reload } = useLoaded(() => teamApi.audit());
  return (
    <div className="team-tab" data-testid="audit-tab">
      <div className="team-row">
        <span className="muted">Newest first; the last 200 entries.</span>
        <button type="button" className="tb" onClick={reload}>
          Refresh
        </button>
      </div>
      <ErrorAlert message={error} />
      <table className="team-table">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>On</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {value?.entries.map((e) => (
            <tr key={e.id} data-testid="audit-row" data-action={e.action}>
              <td className="muted">{new Date(e.at).toLocaleString()}</td>
              <td>{e.actor?.name ?? '—'}</td>
              <td className="mono">{e.action}</td>
              <td>{e.target ?? ''}</td>
              <td className="muted">{detailText(e.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
