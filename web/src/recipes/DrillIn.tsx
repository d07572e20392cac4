import type { ImageValue, Workflow } from '@atelier/graph';
import type { Edge, Node, NodeProps } from '@xyflow/react';
import { Background, Handle, Position, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { blobUrl } from '../api/api';
import { Dialog } from '../dialogs/Dialog';
import { confirmDiscard, openWorkflow } from '../library/library-actions';
import { definitionOf } from '../model/catalogue';
import { recipeRefOf } from '../model/recipe-node';
import type { NodeRunView } from '../store/session-store';
import { useSession } from '../store/session-store';
import { useRecipes } from '../store/recipes-store';
import { useRecipeEntry } from './use-recipe';

type InnerData = {
  path: string;
  title: string;
  type: string;
  summary?: string;
  run?: NodeRunView;
  /** A recipe inside the recipe: it drills in further. */
  nested?: { workflowId: string; version: number };
};
type InnerNode = Node<InnerData, 'inner'>;

const isImage = (v: unknown): v is ImageValue => !!v && typeof v === 'object' && 'blob' in v;

const titleOf = (node: Workflow['nodes'][number]) => {
  const own = node.view?.title;
  return typeof own === 'string' && own.trim()
    ? own.trim()
    : (definitionOf(node.type)?.title ?? node.type);
};

/** An inner node, read-only: its title, live or last-run status, and its image. */
const InnerCard = memo(({ data }: NodeProps<InnerNode>) => {
  const run = data.run;
  const image =
    run?.status === 'running' && run.partial
      ? run.partial.image
      : Object.values(run?.outputs ?? {}).find(isImage);
  const status = run?.status ?? 'idle';
  return (
    <div className="drill-card" data-testid={`inner-${data.path}`} data-status={status}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <strong>{data.title}</strong>{' '}
      <span className="muted small">{data.path.split('/').at(-1)}</span>
      <div className="small">
        <span className={`pill ${status}`} data-testid={`inner-status-${data.path}`}>
          {status === 'idle' ? 'not run' : status}
        </span>{' '}
        {run?.cached && <span className="badge cached">cached</span>}
      </div>
      {data.summary && <p className="muted small">{data.summary}</p>}
      {run?.error && <p className="node-error small">{run.error.message}</p>}
      {isImage(image) && (
        <img
          src={blobUrl(image.blob)}
          alt={`${data.title} ${run?.status === 'running' ? 'partial image' : 'output'}`}
          data-testid={`inner-image-${data.path}`}
        />
      )}
      {data.nested && (
        <button
          type="button"
          className="mini-button nodrag"
          data-testid={`inner-open-${data.path}`}
          onClick={() =>
            useRecipes.getState().set({
              drill: { path: data.path, ref: data.nested!, title: data.title },
            })
          }
        >
          Open ⤢
        </button>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});
InnerCard.displayName = 'InnerCard';

const nodeTypes = { inner: InnerCard };

const summaryOf = (data: Record<string, unknown>): string | undefined => {
  const text = data.text ?? data.query;
  if (typeof text !== 'string' || !text) return undefined;
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

/** The inner graph of a recipe node, read-only, with each inner node's run state. */
function InnerGraph({ document, path }: { document: Workflow; path: string }) {
  // Inner run state is keyed `<path>/<innerId>`; a joined key keeps the selector cheap.
  const runs = useSession((s) => s.nodeRuns);
  const { nodes, edges } = useMemo(() => {
    const nodes: InnerNode[] = document.nodes.map((n) => {
      const innerPath = `${path}/${n.id}`;
      const nested = recipeRefOf(n);
      return {
        id: n.id,
        type: 'inner',
        position: n.position,
        data: {
          path: innerPath,
          title: titleOf(n),
          type: n.type,
          summary: summaryOf(n.data),
          run: runs[innerPath],
          ...(nested && { nested }),
        },
        draggable: false,
        selectable: false,
        connectable: false,
        deletable: false,
      };
    });
    const edges: Edge[] = document.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.targetHandle,
      deletable: false,
      selectable: false,
    }));
    return { nodes, edges };
  }, [document, path, runs]);
  return (
    <ReactFlowProvider>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        deleteKeyCode={null}
        fitView
        proOptions={{ hideAttribution: true }}
        colorMode="dark"
      >
        <Background />
      </ReactFlow>
    </ReactFlowProvider>
  );
}

/** "Open" on a recipe node: its inner graph read-only, and "Edit recipe" to change it. */
export function DrillIn({
  drill,
}: {
  drill: NonNullable<ReturnType<typeof useRecipes.getState>['drill']>;
}) {
  const entry = useRecipeEntry(drill.ref);
  const close = () => useRecipes.getState().set({ drill: undefined });
  const edit = async () => {
    if (!(await confirmDiscard('Open the recipe'))) return;
    close();
    await openWorkflow(drill.ref.workflowId);
  };
  const parent = drill.path.includes('/')
    ? drill.path.slice(0, drill.path.lastIndexOf('/'))
    : undefined;
  return (
    <Dialog
      title={`${entry?.status === 'ready' ? entry.document.name : drill.title} · v${drill.ref.version} (read-only)`}
      testId="recipe-drill"
      className="recipe-dialog"
      onClose={close}
      actions={
        <>
          {parent && (
            <span className="muted small" data-testid="recipe-drill-path">
              inside {parent}
            </span>
          )}
          <button type="button" className="tb" data-testid="recipe-drill-close" onClick={close}>
            Close
          </button>
          <button
            type="button"
            className="tb primary"
            data-testid="recipe-edit"
            title="Open the library workflow to change it; recipe nodes keep their pinned version until upgraded"
            onClick={() => void edit()}
          >
            Edit recipe
          </button>
        </>
      }
    >
      {entry?.status === 'failed' && <p className="error-text">{entry.error}</p>}
      {entry?.status === 'ready' ? (
        <div className="drill-canvas" data-testid="recipe-drill-canvas">
          <InnerGraph document={entry.document} path={drill.path} />
        </div>
      ) : (
        entry?.status !== 'failed' && <p className="muted">Loading the recipe…</p>
      )}
    </Dialog>
  );
}
