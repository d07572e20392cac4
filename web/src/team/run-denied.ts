import { isDirty, useDocument } from '../store/document-store';
import { deniedReason, useMe } from './me-store';
import type { Me } from './team-api';

/**
 * Why this person cannot run the canvas now: their role cannot run, or (a runner) it is not a
 * saved, unchanged recipe — the server runs only saved recipes for someone who cannot edit.
 */
const runDeniedFor = (
  me: Me | undefined,
  doc: { workflowId?: string; dirty: boolean },
): string | undefined => {
  const why = deniedReason(me, 'run');
  if (why) return why;
  if (!deniedReason(me, 'edit')) return undefined;
  if (!doc.workflowId)
    return `Your role (${me?.user.role ?? ''}) runs saved recipes: open one from the Library.`;
  if (doc.dirty) return 'This recipe has unsaved changes; reopen it from the Library to run it.';
  return undefined;
};

export const useRunDenied = (): string | undefined => {
  const me = useMe((s) => s.me);
  const workflowId = useDocument((s) => s.workflowId);
  const dirty = useDocument(isDirty);
  return runDeniedFor(me, { workflowId, dirty });
};

export const runDenied = (): string | undefined => {
  const doc = useDocument.getState();
  return runDeniedFor(useMe.getState().me, { workflowId: doc.workflowId, dirty: isDirty(doc) });
};
