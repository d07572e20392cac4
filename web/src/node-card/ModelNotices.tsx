import { registry } from '@atelier/nodes';
import { useMemo } from 'react';
import { modelNotices } from '../model/model-check';
import { useDocument } from '../store/document-store';
import { useModels } from '../store/models-store';

/**
 * What is wrong with a node's models (shut down, shutting down, options the model refuses),
 * checked as the server will check it, with the live replacement one click away.
 */
export function ModelNotices({ nodeId }: { nodeId: string }) {
  const node = useDocument((s) => s.nodes.find((n) => n.id === nodeId));
  const catalogue = useModels((s) => s.catalogue);
  const defaults = useModels((s) => s.defaults);
  const now = useModels((s) => s.now);
  const notices = useMemo(() => {
    if (!node || !registry.get(node.type ?? '')?.modelFields) return [];
    const workflow = {
      format: 'atelier.workflow' as const,
      version: 1 as const,
      name: '',
      nodes: [{ id: node.id, type: node.type ?? '', position: node.position, data: node.data }],
      edges: [],
      inputs: [],
    };
    return modelNotices(workflow, registry, catalogue, defaults, now());
  }, [node, catalogue, defaults, now]);
  if (notices.length === 0) return null;
  return (
    <ul className="model-notices" data-testid={`model-notices-${nodeId}`}>
      {notices.map((n) => (
        <li
          key={`${n.field}:${n.message}`}
          className={`model-notice ${n.severity}`}
          role={n.severity === 'error' ? 'alert' : undefined}
        >
          <span>{n.message}</span>
          {n.fix && (
            <button
              type="button"
              className="nodrag"
              data-testid={`switch-model-${nodeId}-${n.field}`}
              onClick={() =>
                useDocument.getState().updateFields([{ nodeId, field: n.field, value: n.fix }])
              }
            >
              Switch to {n.fix}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
