import { useShallow } from 'zustand/react/shallow';
import { definitionOf, portColor } from '../model/catalogue';
import { checkConnection } from '../model/connections';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import type { FlowNode } from '../model/types';
import { formatCost } from '../runs/format-cost';
import { labelOfNode, portsOfNode, recipeNameOf } from '../store/recipes-store';
import { isRecipeType, recipeKey, recipeRefOf } from '../model/recipe-node';
import { NamedOutputs } from '../recipes/NamedOutputs';
import { MakeRecipeButton } from '../recipes/MakeRecipeButton';
import { CommentButton } from '../review/CommentButton';
import { useRecipes } from '../store/recipes-store';
import { useDenied } from '../team/me-store';

/** Compatible outputs of other nodes for one input, as "node.port" options. */
const optionsFor = (
  node: FlowNode,
  input: string,
  nodes: readonly FlowNode[],
  edges: Parameters<typeof checkConnection>[2],
) =>
  nodes.flatMap((n) =>
    (portsOfNode(n)?.outputs ?? []).flatMap((out) => {
      const c = { source: n.id, sourceHandle: out.name, target: node.id, targetHandle: input };
      return checkConnection(c, nodes, edges, portsOfNode).ok
        ? [{ value: `${n.id}\u0000${out.name}`, label: `${labelOfNode(n)} · ${out.label}` }]
        : [];
    }),
  );

/** What a recipe node is: its recipe and pinned version, and the recipe's own description. */
const recipeAbout = (node: FlowNode): string | undefined => {
  const ref = recipeRefOf(node);
  const name = recipeNameOf(node);
  if (!ref || !name) return undefined;
  const entry = useRecipes.getState().entries[recipeKey(ref)];
  const about = entry?.status === 'ready' ? entry.document.description : undefined;
  return `the recipe “${name}” v${ref.version}${about ? `: ${about}` : ''}`;
};

/** The selected node: what it is, keyboard wiring of its inputs, its last run's log and cost. */
export function Inspector() {
  const selected = useDocument(
    useShallow((s) => s.nodes.filter((n) => n.selected).map((n) => n.id)),
  );
  const id = selected.length === 1 ? selected[0] : undefined;
  const node = useDocument((s) => (id ? s.nodes.find((n) => n.id === id) : undefined));
  const edges = useDocument((s) => s.edges);
  const run = useSession((s) => (id ? s.nodeRuns[id] : undefined));
  const noEdit = useDenied('edit');
  // A recipe node's ports arrive with its recipe's signature.
  useRecipes((s) => s.entries);
  if (selected.length > 1)
    return (
      <aside className="inspector" data-testid="inspector" aria-label="Inspector">
        <p className="muted">
          {selected.length} nodes selected. Ctrl+C / Ctrl+D / Delete act on all of them.
        </p>
        {!noEdit && <MakeRecipeButton />}
      </aside>
    );
  const def = definitionOf(node?.type);
  const ports = node && portsOfNode(node);
  if (!node || (!def && !isRecipeType(node.type)) || !ports)
    return (
      <aside className="inspector empty" data-testid="inspector" aria-label="Inspector">
        <p className="muted">Select a node to see its connections, log and cost.</p>
      </aside>
    );
  const nodes = useDocument.getState().nodes;
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      <h2 className="inspector-title">{labelOfNode(node)}</h2>
      <p className="muted small">
        <code>{node.id}</code> · {recipeAbout(node) ?? def?.description}
      </p>
      {ports.inputs.length > 0 && <h3>Inputs</h3>}
      {ports.inputs.map((input) => {
        const into = edges.filter((e) => e.target === node.id && e.targetHandle === input.name);
        const options = optionsFor(node, input.name, nodes, edges);
        return (
          <fieldset key={input.name} className="inspector-input" disabled={!!noEdit} title={noEdit}>
            <div className="inspector-port">
              <span className="dot" style={{ background: portColor(input.kind) }} /> {input.label}
              {!input.optional && !input.multiple && <span className="required">*</span>}
              <span className="muted small">
                {' '}
                {input.kind}
                {input.multiple ? ', several' : ''}
              </span>
            </div>
            {into.map((e) => (
              <div key={e.id} className="connected">
                ←{' '}
                {(() => {
                  const source = nodes.find((n) => n.id === e.source);
                  const port = source
                    ? portsOfNode(source)?.outputs.find((p) => p.name === e.sourceHandle)
                    : undefined;
                  return `${source ? labelOfNode(source) : e.source} · ${port?.label ?? e.sourceHandle}`;
                })()}
                <button
                  type="button"
                  className="mini-button"
                  aria-label={`Disconnect ${e.source} from ${input.label}`}
                  data-testid={`disconnect-${e.id}`}
                  onClick={() =>
                    useDocument.getState().onEdgesChange([{ type: 'remove', id: e.id }])
                  }
                >
                  ✕
                </button>
              </div>
            ))}
            {(input.multiple || into.length === 0) && (
              <select
                className="field-input"
                aria-label={`Connect ${input.label} of ${node.id}`}
                data-testid={`connect-${node.id}-${input.name}`}
                value=""
                onChange={(e) => {
                  const [source, sourceHandle] = e.target.value.split('\u0000');
                  if (!source || !sourceHandle) return;
                  const result = useDocument
                    .getState()
                    .connect({ source, sourceHandle, target: node.id, targetHandle: input.name });
                  if (!result.ok) useSession.getState().toast(result.reason, 'error');
                }}
              >
                <option value="">
                  {options.length ? 'Connect from…' : `No ${input.kind} output to connect`}
                </option>
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </fieldset>
        );
      })}
      <NamedOutputs nodeId={node.id} ports={ports.outputs} />
      {run && (
        <>
          <h3>Last run</h3>
          <p className="small">
            <span className={`pill ${run.status}`}>{run.status}</span>{' '}
            {run.cached && <span className="badge cached">cached</span>}{' '}
            {run.cost !== undefined &&
              (run.cached ? `saved ${formatCost(run.cost)}` : formatCost(run.cost))}
            {run.durationMs !== undefined && ` · ${(run.durationMs / 1000).toFixed(1)} s`}
          </p>
          {run.error && (
            <p className="node-error">
              <code>{run.error.code}</code> {run.error.message}
            </p>
          )}
          {typeof run.outputs?.revised_prompt === 'string' && (
            <p className="small">
              <strong>Revised prompt:</strong> {run.outputs.revised_prompt}
            </p>
          )}
          {run.log.length > 0 && (
            <pre className="log" data-testid={`log-${node.id}`}>
              {run.log.join('\n')}
            </pre>
          )}
        </>
      )}
      <CommentButton nodeId={node.id} />
      {!noEdit && <MakeRecipeButton />}
      <button
        type="button"
        className="tb danger"
        data-testid="delete-node"
        disabled={!!noEdit}
        title={noEdit}
        onClick={() => useDocument.getState().removeNodes([node.id])}
      >
        Delete node
      </button>
    </aside>
  );
}
