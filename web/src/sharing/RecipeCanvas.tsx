import type { Workflow } from '@atelier/graph';
import type { Edge, Node, NodeProps } from '@xyflow/react';
import { Background, Handle, Position, ReactFlow } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { SharedRun } from './share-api';
import { imagesOf } from './share-api';
import { annotationNodeTypes } from '../annotations/annotation-node-types';
import { annotationFlowNodes } from '../annotations/flow-annotations';

type CardData = {
  title: string;
  type: string;
  fields: [string, string][];
  images: string[];
  outputs: string[];
  status?: string;
  text?: string;
};
type CardNode = Node<CardData, 'card'>;

const title = (node: Workflow['nodes'][number]) => {
  const own = node.view?.title;
  if (typeof own === 'string' && own.trim()) return own;
  const type = node.type.replace(/_/g, ' ');
  return `${type[0]!.toUpperCase()}${type.slice(1)} · ${node.id}`;
};

/** A node as a read-only card: its settings, images and the shown run's outputs. */
const Card = memo(({ data }: NodeProps<CardNode>) => (
  <div className="share-card" data-testid="share-node">
    <Handle type="target" position={Position.Left} isConnectable={false} />
    <div className="share-card-title">
      {data.title}
      {data.status && (
        <span className={`share-status share-status-${data.status}`}>{data.status}</span>
      )}
    </div>
    {data.text && <p className="share-card-text">{data.text}</p>}
    {data.fields.length > 0 && (
      <dl className="share-card-fields">
        {data.fields.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    )}
    {[...data.images, ...data.outputs].map((url) => (
      <img key={url} className="share-card-image" src={url} alt="" data-testid="share-node-image" />
    ))}
    <Handle type="source" position={Position.Right} isConnectable={false} />
  </div>
));
Card.displayName = 'Card';

const nodeTypes = { card: Card, ...annotationNodeTypes };

const shown = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.length > 60 ? `${value.slice(0, 57)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
};

/**
 * The shared recipe as a graph nobody can change: no dragging, connecting, selecting or
 * deleting; images come through the link (`blobUrl`).
 */
export const RecipeCanvas = ({
  document,
  run,
  blobUrl,
}: {
  document: Workflow;
  run: SharedRun | null;
  blobUrl: (blob: string) => string;
}) => {
  const { nodes, edges } = useMemo(() => {
    const nodes: CardNode[] = document.nodes.map((node) => {
      const text = typeof node.data.text === 'string' ? node.data.text : undefined;
      const fields = Object.entries(node.data).flatMap(([name, value]): [string, string][] => {
        const s = name === 'text' ? undefined : shown(value);
        return s === undefined || s === '' ? [] : [[name, s]];
      });
      const images = imagesOf(node.data).map((i) => blobUrl(i.blob));
      const ran = run?.nodes[node.id];
      const outputs = ['reference', 'mask'].includes(node.type)
        ? []
        : imagesOf(ran?.outputs).map((i) => blobUrl(i.blob));
      return {
        id: node.id,
        type: 'card',
        position: node.position,
        data: {
          title: title(node),
          type: node.type,
          fields,
          images,
          outputs,
          status: ran?.status,
          text,
        },
        draggable: false,
        selectable: false,
        connectable: false,
        deletable: false,
      };
    });
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
  }, [document, run, blobUrl]);

  return (
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
  );
};
