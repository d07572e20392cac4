import type { Action } from './me-store';
import { denied } from './me-store';
import { runDenied } from './run-denied';

/** Keyboard shortcuts that change the document or run it, by what they need. */
const NEEDS: Record<string, Action> = {
  undo: 'edit',
  redo: 'edit',
  paste: 'edit',
  duplicate: 'edit',
  remove: 'edit',
  layout: 'edit',
  addNote: 'edit',
  group: 'edit',
  save: 'edit',
  run: 'run',
  runSelected: 'run',
};

/** Why this shortcut may not be used by the signed-in person (undefined: it may). */
export const shortcutDenied = (name: string): string | undefined => {
  const need = NEEDS[name];
  if (need === 'run') return runDenied();
  return need ? denied(need) : undefined;
};
