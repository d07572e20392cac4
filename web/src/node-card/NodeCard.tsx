import type { FieldSpec, PortSpec } from '@atelier/graph';
import type { NodeProps } from '@xyflow/react';
import { Handle, Position } from '@xyflow/react';
import type { NodeDefinition } from '@atelier/nodes';
import { memo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { definitionOf, portColor } from '../model/catalogue';
import { requestRun } from '../runs/request-run';
import { NodeCommentMarker } from '../review/CommentMarker';
import { useDocument } from '../store/document-store';
import type { NodeRunView } from '../store/session-store';
import { isRunBusy, useSession } from '../store/session-store';
import { formatCost } from '../runs/format-cost';
import type { FlowNode } from '../model/types';
import { FieldEditor } from './FieldEditor';
import { RecipeNameToggle } from './RecipeNameToggle';
import { fieldValue, RECIPE_FIELD_PREFIX } from '../model/recipe-node';
import type { ReactNode } from 'react';
import { uploadInto } from './ImageFieldEditor';
import { cardStyle } from './card-style';
import { NodeTitle, useNodeTitle } from './NodeTitle';
import { ModelNotices } from './ModelNotices';
import { NodePreview } from './NodePreview';
import { OverviewCard } from '../canvas/OverviewCard';
import { useOverview } from '../canvas/overview-zoom';
import { useDenied } from '../team/me-store';
import { useRunDenied } from '../team/run-denied';

const STATUS_LABEL = {
  idle: '',
  queued: 'queued',
  running: 'running',
  succeeded: 'done',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
} as const;

function PortRow({ port, side, nodeId }: { port: PortSpec; side: 'in' | 'out'; nodeId: string }) {
  // An input that may be typed on the card instead (PortSpec.inline) needs no wire.
  const required = side === 'in' && !port.optional && !port.multiple && !port.inline;
  return (
    <div className={`port port-${side}`} data-testid={`port-${side}-${port.name}`}>
      <Handle
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        id={port.name}
        className={`handle handle-${port.kind}`}
        style={{ background: portColor(port.kind) }}
        aria-label={`${side === 'in' ? 'Input' : 'Output'} ${port.label} (${port.kind})`}
        title={`${port.label}: ${port.kind}${port.multiple ? ', takes several' : ''}${port.optional ? ', optional' : ''}${port.inline ? ', or type it on the card' : ''}`}
      />
      <span className="port-label">
        {port.label}
        {required && (
          <span className="required" title="required">
            *
          </span>
        )}
        {port.multiple && (
          <span className="multi" title="takes several connections">
            ⋯
          </span>
        )}
      </span>
      {side === 'out' && <RecipeNameToggle nodeId={nodeId} target={{ output: port }} />}
    </div>
  );
}

/** A field's value; a recipe input never set shows the recipe's own default. */
const valueOf = (data: FlowNode['data'], f: FieldSpec): unknown =>
  fieldValue(data, f.name) ?? (f.name.startsWith(RECIPE_FIELD_PREFIX) ? f.default : undefined);

/** Nodes with more fields than this fold them into a "Settings" section. */
const FEW_FIELDS = 4;

/** On a node with many fields these stay in view; the rest fold into "Settings". */
const isPrimary = (f: FieldSpec) =>
  !!f.exposable || f.kind === 'image' || f.kind === 'mask' || (f.kind === 'text' && !!f.multiline);

/** Long field lists fold away; the summary names the values that differ from the defaults. */
function SettingsSection({
  id,
  fields,
  inputs,
  data,
  exposedAs,
}: {
  id: string;
  fields: FieldSpec[];
  inputs: readonly PortSpec[];
  data: Readonly<Record<string, unknown>>;
  exposedAs: (f: string) => string | undefined;
}) {
  const [open, setOpen] = useState(false);
  const noEdit = useDenied('edit');
  const changed = fields
    .filter(
      (f) =>
        fieldValue(data, f.name) !== undefined &&
        JSON.stringify(fieldValue(data, f.name)) !== JSON.stringify(f.default),
    )
    .map((f) => `${f.label}: ${String(fieldValue(data, f.name))}`);
  return (
    <div className="settings">
      <button
        type="button"
        className="settings-toggle nodrag"
        aria-expanded={open}
        data-testid={`settings-${id}`}
        onClick={() => setOpen(!open)}
      >
        <span className="chev">{open ? '▾' : '▸'}</span> Settings
        <span className="settings-summary">
          {changed.length ? changed.join(' · ') : 'defaults'}
        </span>
      </button>
      {open && (
        <fieldset className="fields" disabled={!!noEdit} title={noEdit}>
          {fields.map((f) => (
            <FieldEditor
              key={f.name}
              nodeId={id}
              inputs={inputs}
              field={f}
              value={valueOf(data, f)}
              exposedAs={exposedAs(f.name)}
            />
          ))}
        </fieldset>
      )}
    </div>
  );
}

/** Cost and time of the node's last run; a cache hit says what it saved. */
function NodeFoot({ run }: { run?: NodeRunView }) {
  const parts: string[] = [];
  // Always there (empty before a run), so the card does not grow when a run finishes.
  if (!run) return <div className="node-foot" />;
  const cost = run.cost ?? 0;
  if (run.cached) {
    if (cost > 0) parts.push(`saved ${formatCost(cost)}`);
  } else {
    if (cost > 0) parts.push(formatCost(cost, run.costEstimated));
    // Local nodes finish in a few ms: only a real wait is worth showing.
    if (run.durationMs && run.durationMs >= 100)
      parts.push(
        run.durationMs < 1000 ? `${run.durationMs} ms` : `${(run.durationMs / 1000).toFixed(1)} s`,
      );
  }
  return <div className="node-foot">{parts.join(' · ')}</div>;
}

/**
 * The card at a readable zoom: ports with labels, fields, settings, preview, run details. A
 * recipe node passes its recipe's ports and fields as `def` and its own parts as `extra`.
 */
export function DetailedCard({
  id,
  def,
  data,
  selected,
  extra,
  after,
}: {
  id: string;
  def: NodeDefinition;
  data: Readonly<Record<string, unknown>>;
  selected: boolean;
  extra?: ReactNode;
  /**
   * The node's own reserved output area, in place of the definition's preview (above the cost
   * line). It shows the node's error too (`NodeError`), so a failed run keeps the card's size.
   */
  after?: ReactNode;
}) {
  const type = def.type;
  const title = useNodeTitle(id);
  const run = useSession((s) => s.nodeRuns[id]);
  const busy = useSession(isRunBusy);
  const noEdit = useDenied('edit');
  const noRun = useRunDenied();
  const mark = useSession((s) => s.diffMarks?.[id]);
  const exposed = useDocument(
    useShallow((s) => s.inputs.filter((i) => i.node === id).map((i) => `${i.field}=${i.name}`)),
  );
  const status = run?.status ?? 'idle';
  const exposedAs = (field: string) =>
    exposed.find((e) => e.startsWith(`${field}=`))?.slice(field.length + 1);
  const imageField = def.fields.find((f) => f.kind === 'image');
  const few = def.fields.length <= FEW_FIELDS;
  const shown = few ? def.fields : def.fields.filter(isPrimary);
  const folded = few ? [] : def.fields.filter((f) => !isPrimary(f));

  return (
    <div
      className={`node-card type-${type} status-${status}${selected ? ' selected' : ''}${mark ? ` diff-${mark}` : ''}`}
      style={cardStyle(def)}
      data-testid={`node-${id}`}
      data-diff={mark}
      data-status={status}
      data-cached={run?.cached ? 'true' : 'false'}
      aria-label={`${title ?? def.title} node ${id}`}
      onDragOver={imageField && !noEdit ? (e) => e.preventDefault() : undefined}
      onDrop={
        imageField && !noEdit
          ? (e) => {
              const file = e.dataTransfer.files[0];
              if (!file) return;
              e.preventDefault();
              e.stopPropagation();
              void uploadInto(id, imageField.name, 'image', file);
            }
          : undefined
      }
    >
      <header className="node-header">
        <NodeTitle id={id} def={def} />
        <span className="node-id">{id}</span>
        <span className="node-badges">
          {run?.cached && (
            <span
              className="badge cached"
              data-testid={`cached-${id}`}
              title="Served from the cache: no API call, no cost"
            >
              cached
            </span>
          )}
          {status !== 'idle' && status !== 'succeeded' && (
            <span className={`badge status-badge ${status}`} data-testid={`status-${id}`}>
              {status === 'running' && <span className="spinner" aria-hidden />}
              {STATUS_LABEL[status]}
            </span>
          )}
          {status === 'succeeded' && !run?.cached && <span className="badge done">✓</span>}
          <NodeCommentMarker nodeId={id} />
        </span>
        <button
          type="button"
          className="run-to nodrag"
          data-testid={`run-to-${id}`}
          aria-label={`Run up to ${id}`}
          title={noRun ?? 'Run this node and what it needs'}
          disabled={busy || !!noRun}
          onClick={() => requestRun(id)}
        >
          ▶
        </button>
      </header>
      {extra}
      {(def.inputs.length > 0 || def.outputs.length > 0) && (
        <div className="ports">
          <div className="ports-in">
            {def.inputs.map((p) => (
              <PortRow key={p.name} port={p} side="in" nodeId={id} />
            ))}
          </div>
          <div className="ports-out">
            {def.outputs.map((p) => (
              <PortRow key={p.name} port={p} side="out" nodeId={id} />
            ))}
          </div>
        </div>
      )}
      {shown.length > 0 && (
        <fieldset className="fields" disabled={!!noEdit} title={noEdit}>
          {shown.map((f) => (
            <FieldEditor
              key={f.name}
              nodeId={id}
              inputs={def.inputs}
              field={f}
              value={valueOf(data, f)}
              exposedAs={exposedAs(f.name)}
            />
          ))}
        </fieldset>
      )}
      {folded.length > 0 && (
        <SettingsSection
          id={id}
          fields={folded}
          inputs={def.inputs}
          data={data}
          exposedAs={exposedAs}
        />
      )}
      {def.modelFields && <ModelNotices nodeId={id} />}
      {after ?? <NodePreview nodeId={id} kind={def.view.preview} run={run} />}
      <NodeFoot run={run?.status === 'succeeded' ? run : undefined} />
    </div>
  );
}

/**
 * The one node component: ports, fields and preview all come from the node definition. Zoomed
 * far out it is an overview card; `useOverview` re-renders it only when that threshold is crossed.
 */
function NodeCardImpl({ id, type, data, selected }: NodeProps<FlowNode>) {
  const overview = useOverview();
  const def = definitionOf(type);
  if (!def)
    return (
      <div className="node-card unknown" data-testid={`node-${id}`} data-status="idle">
        Unknown node type “{type}”
      </div>
    );
  return overview ? (
    <OverviewCard id={id} def={def} selected={!!selected} />
  ) : (
    <DetailedCard id={id} def={def} data={data} selected={!!selected} />
  );
}

export const NodeCard = memo(NodeCardImpl);
