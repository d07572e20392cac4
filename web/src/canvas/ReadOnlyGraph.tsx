import type { Workflow } from '@atelier/graph';
import type { Edge, Node, NodeProps } from '@xyflow/react';
import { Background, Handle, Position, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { createContext, memo, useContext, useMemo } from 'react';
import { definitionOf } from '../model/catalogue';
import './readonly-graph.css';
import { annotationNodeTypes } from '../annotations/annotation-node-types';
import { annotationFlowNodes } from '../annotations/flow-annotations';

/** What one read-only card shows of a node: plain data (the caller decides what it is). */
// A type, not an interface: React Flow's node data must be a Record.
export type ReadOnlyCard = {
  title: string;
  /** Small beside the title (the node's id). */
  note?: string;
  /** A run status (`succeeded`, `running`, …) and how to word it. */
  status?: string;
  statusLabel?: string;
  cached?: boolean;
  /** The node's main text (a prompt, a query), shown whole. */
  text?: string;
  fields?: readonly (readonly [string, string])[];
  error?: string;
  /**
   * A `mask` image is drawn as the editor draws one: its transparent (to-change) region tinted
   * over the image it masks (`mask.base`), or on a checkerboard when that image is unknown.
   */
  images: readonly { url: string; alt: string; mask?: { base?: string } }[];
  /** One button on the card (drill into a nested recipe); `onAction` answers it. */
  action?: string;
  /** Test ids of the card, its status, each image and its button. */
  ids: { card: string; status?: string; image?: string; action?: string };
};

type CardNode = Node<ReadOnlyCard, 'card'>;

/** The button on a card calls this with the node's id (kept out of node data, which is data). */
const ActionContext = createContext<((nodeId: string) => void) | undefined>(undefined);

const Card = memo(({ id, data }: NodeProps<CardNode>) => {
  const onAction = useContext(ActionContext);
  return (
    <div className="ro-card" data-testid={data.ids.card} data-status={data.status ?? 'idle'}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="ro-card-title">
        <span>
          {data.title} {data.note && <span className="muted small">{data.note}</span>}
        </span>
        {data.status && (
          <span className={`ro-status ro-status-${data.status}`} data-testid={data.ids.status}>
            {data.statusLabel ?? data.status}
          </span>
        )}
      </div>
      {data.cached && <span className="badge cached">cached</span>}
      {data.text && <p className="ro-card-text">{data.text}</p>}
      {data.fields && data.fields.length > 0 && (
        <dl className="ro-card-fields">
          {data.fields.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {data.error && <p className="node-error small">{data.error}</p>}
      {data.images.map((image) =>
        image.mask ? (
          <span key={image.url} className="ro-card-mask checker" data-testid={data.ids.image}>
            <img className="ro-card-image" src={image.mask.base ?? image.url} alt={image.alt} />
            {image.mask.base && (
              <span
                className="mask-tint"
                style={{
                  WebkitMaskImage: `linear-gradient(#000, #000), url(${image.url})`,
                  maskImage: `linear-gradient(#000, #000), url(${image.url})`,
                }}
              />
            )}
          </span>
        ) : (
          <img
            key={image.url}
            className="ro-card-image"
            src={image.url}
            alt={image.alt}
            data-testid={data.ids.image}
          />
        ),
      )}
      {data.action && onAction && (
        <button
          type="button"
          className="mini-button nodrag"
          data-testid={data.ids.action}
          onClick={() => onAction(id)}
        >
          {data.action}
        </button>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});
Card.displayName = 'ReadOnlyCardView';

const nodeTypes = { card: Card, ...annotationNodeTypes };

/**
 * A workflow as a graph nobody can change: no dragging, connecting, selecting or deleting.
 * The share page shows a shared recipe with it, the editor a recipe node's inner graph
 * (drill-in); each says what a card shows (`cardOf`, memoised by the caller). Its own
 * ReactFlowProvider keeps it apart from the editor's canvas.
 */
export function ReadOnlyGraph({
  document,
  cardOf,
  onAction,
}: {
  document: Workflow;
  cardOf(node: Workflow['nodes'][number]): ReadOnlyCard;
  onAction?(nodeId: string): void;
}) {
  const { nodes, edges } = useMemo(() => {
    const nodes: CardNode[] = document.nodes.map((node) => ({
      id: node.id,
      type: 'card',
      position: node.position,
      data: cardOf(node),
      draggable: false,
      selectable: false,
      connectable: false,
      deletable: false,
    }));
    const edges: Edge[] = document.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      label: edge.targetHandle,
      deletable: false,
      selectable: false,
    }));
    // The document's notes and groups, read-only (groups first: drawn under the cards).
    const annotations = annotationFlowNodes(document, new Set(), true) as Node[];
    return { nodes: [...annotations, ...nodes], edges };
  }, [document, cardOf]);
  return (
    <ActionContext.Provider value={onAction}>
      <ReactFlowProvider>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          edgesFocusable={false}
          nodesFocusable={false}
          deleteKeyCode={null}
          fitView
          proOptions={{ hideAttribution: true }}
          colorMode="dark"
        >
          <Background />
        </ReactFlow>
      </ReactFlowProvider>
    </ActionContext.Provider>
  );
}

/** A node's own title, else its type's ("Generate image"). */
export const readOnlyTitle = (node: Workflow['nodes'][number]): string => {
  const own = node.view?.title;
  if (typeof own === 'string' && own.trim()) return own.trim();
  return definitionOf(node.type)?.title ?? node.type.replace(/_/g, ' ');
};
