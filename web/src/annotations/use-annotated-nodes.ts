import type { NodeChange } from '@xyflow/react';
import { useCallback, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FlowNode } from '../model/types';
import { useDocument } from '../store/document-store';
import { splitNodeChanges } from './annotation-changes';
import { annotationFlowNodes } from './flow-annotations';

/**
 * What the editor canvas gives React Flow: the document's nodes with its notes and groups
 * (groups first, drawn under the cards), and an onNodesChange that sends each change where it
 * belongs. Notes and groups are typed as FlowNode only for React Flow's sake: they never reach
 * the document's `nodes`.
 */
export const useAnnotatedNodes = (
  nodes: FlowNode[],
  onNodesChange: (changes: NodeChange<FlowNode>[]) => void,
) => {
  const { notes, groups, selected } = useDocument(
    useShallow((s) => ({ notes: s.notes, groups: s.groups, selected: s.selectedAnnotations })),
  );
  const all = useMemo(() => {
    if (!notes?.length && !groups?.length) return nodes;
    const extra = annotationFlowNodes({ notes, groups }, new Set(selected));
    return [...(extra as unknown as FlowNode[]), ...nodes];
  }, [nodes, notes, groups, selected]);
  const onChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => splitNodeChanges(changes, onNodesChange),
    [onNodesChange],
  );
  return { nodes: all, onNodesChange: onChange };
};
