import { useEffect } from 'react';
import type { DocumentState } from '../store/document-store';
import { useDocument } from '../store/document-store';
import { useFitReadable } from './use-fit-readable';

/**
 * After a document is opened (a file, an import, the library, a run), takes its cards off each
 * other as they are measured: positions saved for smaller cards (or written by hand) must not
 * leave one card over another until Tidy. It stops once every card is measured, or as soon as
 * the person edits or drags, so it never moves what someone placed; the view is fitted again
 * after a move.
 */
export function SpreadOnLoad() {
  const loads = useDocument((s) => s.loads);
  const fit = useFitReadable();
  useEffect(() => {
    const history = useDocument.getState().past;
    let measured = -1;
    let stop = () => {};
    const check = (s: DocumentState) => {
      if (s.past !== history || s.dragging) return stop();
      const now = s.nodes.filter((n) => n.measured?.width && n.measured.height).length;
      if (now === measured) return;
      measured = now;
      if (useDocument.getState().spreadOverlaps() > 0) requestAnimationFrame(() => fit(0));
      if (now === s.nodes.length) stop();
    };
    stop = useDocument.subscribe(check);
    check(useDocument.getState());
    return () => stop();
  }, [loads, fit]);
  return null;
}
