import type { ComparedNode, ComparedRun, RunComparison } from '@atelier/server';
import { useEffect, useState } from 'react';
import { blobUrl } from '../api/api';
import { formatCost } from '../runs/format-cost';
import { ImageCompare } from './ImageCompare';
import { outputUrl } from './review-route';
import { reviewApi } from './review-api';

const RELATION: Record<RunComparison['relation'], string> = {
  same_version: 'same version',
  versions: 'two versions of one workflow',
  fork: 'a fork and its origin',
  documents: 'two documents',
};

const seconds = (ms?: number) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
const show = (value: unknown) =>
  value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

function RunHead({ run, side }: { run: ComparedRun; side: 'A' | 'B' }) {
  return (
    <div className="compare-run" data-testid={`compare-run-${side.toLowerCase()}`}>
      <strong>
        {side} · {run.workflowName}
        {run.workflowVersion !== undefined && ` v${run.workflowVersion}`}
      </strong>
      <span className="small muted">
        {new Date(run.createdAt).toLocaleString()} · {run.startedBy?.name ?? 'unknown'} ·{' '}
        {run.status}
      </span>
      <span className="small">
        {seconds(run.durationMs)} · {formatCost(run.cost)} · {run.reran} reran · {run.cached} cached
      </span>
    </div>
  );
}

const sideText = (node: ComparedNode, side: 'a' | 'b') => {
  const s = node[side];
  if (!s) return 'not in this run';
  const how = s.cached ? 'cache' : s.reran ? 'reran' : s.status;
  return `${how} · ${seconds(s.durationMs)} · ${formatCost(s.cost)}`;
};

/** `#/compare/<a>/<b>`: two runs side by side. */
export function CompareView({ a, b }: { a: string; b: string }) {
  const [cmp, setCmp] = useState<RunComparison | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setCmp(undefined);
    reviewApi.compare(a, b).then(setCmp, (e: Error) => setError(e.message));
  }, [a, b]);
  if (error) return <p className="error-text">{error}</p>;
  if (!cmp) return <p className="muted">Comparing…</p>;
  return (
    <div className="compare-view" data-testid="compare-view">
      <p className="small muted">Comparing {RELATION[cmp.relation]}.</p>
      <div className="compare-heads">
        <RunHead run={cmp.a} side="A" />
        <RunHead run={cmp.b} side="B" />
      </div>
      {cmp.inputs.length > 0 && (
        <ul className="small" data-testid="compare-inputs">
          {cmp.inputs.map((i) => (
            <li key={i.name}>
              input <b>{i.name}</b>: {show(i.a)} → {show(i.b)}
            </li>
          ))}
        </ul>
      )}
      {cmp.nodes.map((node) => (
        <section
          key={node.id}
          className={`compare-node ${node.change}`}
          data-testid={`compare-node-${node.id}`}
          data-change={node.change}
          data-reran-b={node.b?.reran ? 'true' : 'false'}
        >
          <header>
            <b>{node.title ?? node.id}</b> <span className="muted small">{node.type}</span>{' '}
            {node.change !== 'same' && <span className="pill">{node.change}</span>}
          </header>
          <div className="compare-sides small">
            <span>A: {sideText(node, 'a')}</span>
            <span>B: {sideText(node, 'b')}</span>
          </div>
          {node.changes.length > 0 && (
            <ul className="compare-changes small">
              {node.changes.map((c) => (
                <li key={c.field} data-testid={`compare-change-${node.id}-${c.field}`}>
                  {c.field.replace(/^data\./, '')}: <del>{show(c.from)}</del> →{' '}
                  <ins>{show(c.to)}</ins>
                </li>
              ))}
            </ul>
          )}
          {node.a?.image && node.b?.image && (
            <>
              {node.a.image.blob === node.b.image.blob ? (
                <img className="compare-same" src={blobUrl(node.b.image.blob)} alt={node.id} />
              ) : (
                <ImageCompare a={node.a.image} b={node.b.image} label={node.title ?? node.id} />
              )}
              <div className="small">
                <a href={outputUrl(cmp.a.id, node.id)}>A: star / comment</a> ·{' '}
                <a href={outputUrl(cmp.b.id, node.id)} data-testid={`compare-open-b-${node.id}`}>
                  B: star / comment
                </a>
              </div>
            </>
          )}
        </section>
      ))}
    </div>
  );
}
