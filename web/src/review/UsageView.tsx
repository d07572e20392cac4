import type { UsageReport } from '@atelier/server';
import { useEffect, useState } from 'react';
import { formatCost } from '../runs/format-cost';
import { reviewApi } from './review-api';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `#/usage`: what runs cost over a period, by person and by workflow. */
export function UsageView() {
  const [from, setFrom] = useState(() => day(Date.now() - 30 * 86_400_000));
  const [to, setTo] = useState(() => day(Date.now() + 86_400_000));
  const [report, setReport] = useState<UsageReport | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    reviewApi.usage(from, to).then(
      (r) => (setReport(r), setError(undefined)),
      (e: Error) => setError(e.message),
    );
  }, [from, to]);
  const table = (title: string, lines: UsageReport['byPerson'], id: string) => (
    <table className="usage-table" data-testid={id}>
      <caption>{title}</caption>
      <tbody>
        {lines.map((l) => (
          <tr key={l.id}>
            <td>{l.name}</td>
            <td>{l.runs} runs</td>
            <td>{formatCost(l.cost)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className="usage-view" data-testid="usage-view">
      <header className="panel-head">
        <h2>Usage</h2>
      </header>
      <label className="small">
        From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>{' '}
      <label className="small">
        to (not included) <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      {error && <p className="error-text">{error}</p>}
      {report && (
        <>
          <p data-testid="usage-total">
            {report.total.runs} runs · {formatCost(report.total.cost)}
          </p>
          {table('By person', report.byPerson, 'usage-by-person')}
          {table('By workflow', report.byWorkflow, 'usage-by-workflow')}
        </>
      )}
    </div>
  );
}
