import { groupSelection, removeAnnotations } from '../../annotations/annotation-actions';
import { annotationOf } from '../../annotations/flow-annotations';
import { nodeLabel } from '../../model/describe-issue';
import { requestRun } from '../../runs/request-run';
import { startRun } from '../../runs/run-controller';
import { useDocument } from '../../store/document-store';
import { isRunBusy, useSession } from '../../store/session-store';
import type { MenuItem } from './ContextMenu';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Opens the title editor of a card, as a double-click on its title does. */
const startRename = (nodeId: string) => {
  const title = document.querySelector(`[data-testid="title-${nodeId}"]`);
  title?.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
};

/**
 * The menu of a node: on a node of the selection it acts on the whole selection (duplicate,
 * copy, disconnect, delete); renaming and running are about the node itself.
 */
export const nodeMenuItems = (nodeId: string): MenuItem[] => {
  const doc = useDocument.getState();
  const session = useSession.getState();
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return [];
  const targets = node.selected ? doc.nodes.filter((n) => n.selected).map((n) => n.id) : [nodeId];
  const many = targets.length > 1;
  const pick = () => useDocument.getState().selectOnly(targets);
  const edges = doc.edges.filter((e) => targets.includes(e.source) || targets.includes(e.target));
  const busy = isRunBusy(session);
  const ran = session.nodeRuns[nodeId]?.status;
  const runHint = 'A run is in progress';
  return [
    {
      id: 'rename',
      label: 'Rename…',
      keys: 'Dbl-click',
      disabled: many,
      hint: 'Rename one node at a time',
      run: () => startRename(nodeId),
    },
    {
      id: 'run-to',
      label: 'Run up to here',
      keys: 'Ctrl ⇧ Enter',
      separated: true,
      disabled: busy,
      hint: runHint,
      run: () => requestRun(nodeId),
    },
    {
      id: 'run-from',
      label: ran ? 'Rerun from here' : 'Run from here',
      disabled: busy,
      hint: runHint,
      // Forced: this node runs again (a new take) and what follows it gets its new output.
      run: () => void startRun({ force: [nodeId] }),
    },
    {
      id: 'duplicate',
      label: many ? `Duplicate ${plural(targets.length, 'node')}` : 'Duplicate',
      keys: 'Ctrl D',
      separated: true,
      run: () => {
        pick();
        useDocument.getState().duplicate();
      },
    },
    {
      id: 'copy',
      label: many ? `Copy ${plural(targets.length, 'node')}` : 'Copy',
      keys: 'Ctrl C',
      run: () => {
        pick();
        const n = useDocument.getState().copy();
        useSession.getState().toast(`Copied ${plural(n, 'node')}`);
      },
    },
    {
      id: 'group',
      label: many ? `Group ${plural(targets.length, 'node')}` : 'Put in a group',
      keys: 'Ctrl G',
      run: () => {
        pick();
        groupSelection();
      },
    },
    {
      id: 'disconnect',
      label: edges.length ? `Disconnect (${plural(edges.length, 'wire')})` : 'Disconnect',
      disabled: edges.length === 0,
      hint: 'No wires to remove',
      run: () =>
        useDocument
          .getState()
          .onEdgesChange(edges.map((e) => ({ type: 'remove' as const, id: e.id }))),
    },
    {
      id: 'delete',
      label: many ? `Delete ${plural(targets.length, 'node')}` : `Delete ${nodeLabel(node)}`,
      keys: 'Del',
      danger: true,
      separated: true,
      run: () => useDocument.getState().removeNodes(targets),
    },
  ];
};

/** The menu of a sticky note or a group (flow ids `@note:…` / `@group:…`); [] for a card. */
export const annotationMenuItems = (flowId: string): MenuItem[] => {
  const annotation = annotationOf(flowId);
  if (!annotation) return [];
  return [
    {
      id: 'delete-annotation',
      label: annotation.kind === 'note' ? 'Delete note' : 'Delete group (keeps its nodes)',
      keys: 'Del',
      danger: true,
      run: () => removeAnnotations([annotation.id]),
    },
  ];
};

/** The menu of a wire. */
export const edgeMenuItems = (edgeId: string): MenuItem[] => [
  {
    id: 'delete-wire',
    label: 'Delete wire',
    keys: 'Del',
    danger: true,
    run: () => useDocument.getState().onEdgesChange([{ type: 'remove', id: edgeId }]),
  },
];
