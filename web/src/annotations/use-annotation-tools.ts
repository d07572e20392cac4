import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo } from 'react';
import { CARD, placeInView } from '../canvas/placement';
import { NOTE_SIZE, noteBox } from '../model/annotation-layout';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { addGroup, addNote, groupSelection } from './annotation-actions';

/** Screen pixels kept clear at the canvas edges. */
const MARGIN = 40;

/**
 * The palette's and the shortcuts' way to annotate: a note in a free spot of the view, and
 * Group = the selection wrapped in a group (nothing selected: an empty group in the view).
 */
export const useAnnotationTools = () => {
  const flow = useReactFlow();
  const view = useCallback(() => {
    const rect = document.querySelector('.canvas')?.getBoundingClientRect();
    if (!rect) return { x: -CARD.width / 2, y: -CARD.height / 2, ...CARD };
    const a = flow.screenToFlowPosition({ x: rect.left + MARGIN, y: rect.top + MARGIN });
    const b = flow.screenToFlowPosition({ x: rect.right - MARGIN, y: rect.bottom - MARGIN });
    return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
  }, [flow]);

  const noteInView = useCallback(() => {
    const s = useDocument.getState();
    const taken = [
      ...s.nodes,
      ...(s.notes ?? []).map((n) => {
        const box = noteBox(n);
        return { position: n.position, measured: { width: box.width, height: box.height } };
      }),
    ];
    return addNote(placeInView(taken, view(), NOTE_SIZE));
  }, [view]);

  const group = useCallback(() => {
    const id = groupSelection();
    if (id) return id;
    const v = view();
    const size = { width: Math.min(600, v.width * 0.6), height: Math.min(400, v.height * 0.6) };
    const made = addGroup({
      x: v.x + (v.width - size.width) / 2,
      y: v.y + (v.height - size.height) / 2,
      ...size,
    });
    useSession
      .getState()
      .toast('Empty group added: drag cards into it, or select cards and press Ctrl+G');
    return made;
  }, [view]);

  return useMemo(() => ({ noteInView, group }), [noteInView, group]);
};
