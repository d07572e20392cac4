import { useReactFlow } from '@xyflow/react';
import type { RefObject } from 'react';
import { useEffect } from 'react';
import { saveWorkflow } from '../library/library-actions';
import { requestRun } from '../runs/request-run';
import type { ShortcutContext } from './shortcuts';
import { shortcutFor } from './shortcuts';
import { mediaFieldOf } from '../model/catalogue';
import { useFitReadable } from '../canvas/use-fit-readable';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { addImageFileAsNode } from '../canvas/canvas-drop';
import { uploadInto } from '../node-card/ImageFieldEditor';
import { shortcutDenied } from '../team/shortcut-needs';
import { useAnnotationTools } from '../annotations/use-annotation-tools';

/** Window-level keyboard shortcuts and clipboard paste (images become reference nodes). */
export const useShortcuts = (searchRef: RefObject<HTMLInputElement | null>) => {
  const flow = useReactFlow();
  const fit = useFitReadable();
  const annotate = useAnnotationTools();
  useEffect(() => {
    const doc = () => useDocument.getState();
    const session = () => useSession.getState();
    let pastedFiles = false;
    const ctx: ShortcutContext = {
      undo: () => doc().undo(),
      redo: () => doc().redo(),
      copy: () => {
        const n = doc().copy();
        if (n) session().toast(`Copied ${n} node${n === 1 ? '' : 's'}`);
      },
      paste: () => {
        // An image on the system clipboard wins: the paste event says so before this runs.
        pastedFiles = false;
        setTimeout(() => {
          if (!pastedFiles) doc().paste();
        }, 0);
      },
      duplicate: () => doc().duplicate(),
      remove: () => doc().removeSelected(),
      selectAll: () => {
        const d = doc();
        d.selectOnly(d.nodes.map((n) => n.id));
        // Notes and groups too: Ctrl+A, Delete empties the canvas.
        d.selectAnnotations([...(d.notes ?? []), ...(d.groups ?? [])].map((a) => a.id));
      },
      focusSearch: () => searchRef.current?.focus(),
      run: () => requestRun(),
      runSelected: () => {
        const selected = doc().nodes.filter((n) => n.selected);
        if (selected.length === 1) requestRun(selected[0]!.id);
        else session().toast('Select one node to run up to it', 'info');
      },
      layout: () => {
        doc().autoLayout();
        setTimeout(() => fit(), 50);
      },
      fitView: () => fit(),
      addNote: () => void annotate.noteInView(),
      group: () => void annotate.group(),
      save: () => void saveWorkflow(),
      help: () => session().togglePanel('help'),
      escape: () => {
        const s = session();
        if (s.lightbox) s.set({ lightbox: undefined });
        else if (s.runForm) s.set({ runForm: undefined });
        else if (s.importIssues) s.set({ importIssues: undefined });
        else if (s.panel) s.setPanel(null);
        else if (
          document.activeElement instanceof HTMLElement &&
          document.activeElement !== document.body
        )
          document.activeElement.blur();
        else doc().selectOnly([]);
      },
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const s = session();
      if (s.maskTarget || s.dialog) return; // the mask painter and dialogs have their own keys
      const shortcut = shortcutFor(e);
      if (!shortcut) return;
      if ((s.lightbox || s.runForm || s.importIssues) && shortcut.name !== 'escape') return;
      // Ctrl+V keeps its default so the browser still fires the paste event (images).
      if (shortcut.name !== 'paste') e.preventDefault();
      // Team mode: a role that may not do this is told why instead.
      const why = shortcutDenied(shortcut.name);
      if (why) {
        session().toast(why, 'info');
        return;
      }
      ctx[shortcut.name]();
    };
    const onPaste = (e: ClipboardEvent) => {
      const files = [...(e.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
      if (files.length === 0 || shortcutDenied('paste')) return;
      pastedFiles = true;
      e.preventDefault();
      // One selected reference or mask node takes the pasted image; otherwise a new node.
      const selected = doc().nodes.filter((n) => n.selected);
      const target = selected.length === 1 ? selected[0] : undefined;
      const field = mediaFieldOf(target?.type);
      if (files.length === 1 && target && field) {
        void uploadInto(target.id, field.name, field.kind, files[0]!);
        return;
      }
      const rect = document.querySelector('.canvas')?.getBoundingClientRect();
      const at = rect
        ? flow.screenToFlowPosition({
            x: rect.left + rect.width / 2,
            y: rect.top + rect.height / 2,
          })
        : { x: 0, y: 0 };
      files.forEach((f, i) => void addImageFileAsNode(f, { x: at.x + i * 30, y: at.y + i * 30 }));
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('paste', onPaste);
    };
  }, [flow, fit, searchRef, annotate]);
};
