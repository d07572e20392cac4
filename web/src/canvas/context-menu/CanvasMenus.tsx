import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { addGroup, addNote, groupSelection } from '../../annotations/annotation-actions';
import { annotationOf } from '../../annotations/flow-annotations';
import { useDocument } from '../../store/document-store';
import { useDenied } from '../../team/me-store';
import { useSession } from '../../store/session-store';
import { useFitReadable } from '../use-fit-readable';
import type { MenuItem } from './ContextMenu';
import { ContextMenu } from './ContextMenu';
import { isMenuKey } from './menu-keys';
import { useCanvasMenu } from './menu-store';
import { annotationMenuItems, edgeMenuItems, nodeMenuItems } from './node-menu';
import { NodeSearch } from './NodeSearch';
import { pasteOffset } from './paste-offset';
import './context-menu.css';

/** Menu items a viewer or runner keeps: nothing that changes the document. */
const READ_ONLY_ITEMS = new Set(['run-to', 'run-from', 'copy', 'select-all', 'fit']);

const typingIn = (el: Element | null) =>
  !!el &&
  (el.tagName === 'INPUT' ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    (el as HTMLElement).isContentEditable);

/**
 * The menu or node search open on the canvas (see useCanvasMenu), and the keyboard way to open
 * one: the Menu key or Shift+F10 opens the selected node's menu at its card, or the canvas menu
 * in the middle of the view when no single node is selected.
 */
export function CanvasMenus() {
  const open = useCanvasMenu((s) => s.open);
  const close = useCanvasMenu((s) => s.close);
  const flow = useReactFlow();
  const fit = useFitReadable();
  // A role that may not edit gets only what leaves the document as it is.
  const noEdit = useDenied('edit');
  const allowed = (items: MenuItem[]) =>
    noEdit ? items.filter((i) => READ_ONLY_ITEMS.has(i.id)) : items;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isMenuKey(e)) return;
      const s = useSession.getState();
      if (s.dialog || s.maskTarget || typingIn(document.activeElement)) return;
      e.preventDefault();
      const selected = useDocument.getState().nodes.filter((n) => n.selected);
      const card =
        selected.length === 1
          ? document.querySelector(`[data-testid="node-${selected[0]!.id}"]`)
          : null;
      if (card) {
        const r = card.getBoundingClientRect();
        useCanvasMenu
          .getState()
          .show({ kind: 'node', nodeId: selected[0]!.id, x: r.left + 24, y: r.top + 24 });
        return;
      }
      const rect = document.querySelector('.canvas')?.getBoundingClientRect();
      if (!rect) return;
      const x = rect.left + rect.width / 2;
      const y = rect.top + rect.height / 2;
      useCanvasMenu
        .getState()
        .show({ kind: 'pane', x, y, flow: flow.screenToFlowPosition({ x, y }) });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [flow]);

  if (!open) return null;
  const at = { x: open.x, y: open.y };
  switch (open.kind) {
    case 'node':
      return (
        <ContextMenu
          key={`${open.nodeId}@${open.x},${open.y}`}
          at={at}
          label={`Node ${open.nodeId}`}
          testId="node-menu"
          items={allowed(
            annotationOf(open.nodeId)
              ? annotationMenuItems(open.nodeId)
              : nodeMenuItems(open.nodeId),
          )}
          onClose={close}
        />
      );
    case 'edge':
      return (
        <ContextMenu
          key={`${open.edgeId}@${open.x},${open.y}`}
          at={at}
          label="Wire"
          testId="edge-menu"
          items={allowed(edgeMenuItems(open.edgeId))}
          onClose={close}
        />
      );
    case 'pane':
      return (
        <ContextMenu
          key={`pane@${open.x},${open.y}`}
          at={at}
          label="Canvas"
          testId="canvas-menu"
          items={allowed(paneMenuItems(open, fit))}
          onClose={close}
        />
      );
    case 'search':
      return (
        <NodeSearch
          key={`search@${open.x},${open.y}`}
          at={at}
          flow={open.flow}
          wire={open.wire}
          onClose={close}
        />
      );
  }
}

/** The canvas menu: what can be added or done at the point that was clicked. */
const paneMenuItems = (
  open: { x: number; y: number; flow: { x: number; y: number } },
  fit: () => void,
): MenuItem[] => {
  const doc = useDocument.getState();
  const empty = doc.nodes.length === 0;
  return [
    {
      id: 'add-node',
      label: 'Add node here…',
      keys: '/',
      run: () => useCanvasMenu.getState().show({ ...open, kind: 'search' }),
    },
    {
      id: 'add-note',
      label: 'Add sticky note here',
      keys: '⇧ N',
      run: () => addNote(open.flow),
    },
    {
      id: 'add-group',
      label: doc.nodes.some((n) => n.selected) ? 'Group the selection' : 'Add group here',
      keys: 'Ctrl G',
      run: () => {
        if (!groupSelection()) addGroup({ ...open.flow, width: 420, height: 300 });
      },
    },
    {
      id: 'paste',
      separated: true,
      label: 'Paste here',
      keys: 'Ctrl V',
      disabled: !doc.clipboard,
      hint: 'Copy nodes first (Ctrl C)',
      // At the point the menu was opened (Ctrl+V pastes next to the copied nodes).
      run: () => {
        const d = useDocument.getState();
        if (d.clipboard) d.paste(pasteOffset(d.clipboard, open.flow));
      },
    },
    {
      id: 'select-all',
      label: 'Select all',
      keys: 'Ctrl A',
      separated: true,
      disabled: empty,
      hint: 'The canvas is empty',
      run: () => {
        const d = useDocument.getState();
        d.selectOnly(d.nodes.map((n) => n.id));
      },
    },
    {
      id: 'tidy',
      label: 'Tidy up',
      keys: '⇧ L',
      disabled: empty,
      hint: 'The canvas is empty',
      run: () => {
        useDocument.getState().autoLayout();
        setTimeout(() => fit(), 50);
      },
    },
    {
      id: 'fit',
      label: 'Fit view',
      keys: '⇧ F',
      disabled: empty,
      hint: 'The canvas is empty',
      run: () => fit(),
    },
  ];
};
