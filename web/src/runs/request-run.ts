import { isRunBusy, useSession } from '../store/session-store';
import { useDocument } from '../store/document-store';
import { startRun } from './run-controller';

/** Run (up to `target`): a recipe with named inputs asks for them first. */
export const requestRun = (target?: string) => {
  const session = useSession.getState();
  if (isRunBusy(session)) {
    session.toast('A run is in progress: cancel it first or wait', 'info');
    return;
  }
  if (useDocument.getState().inputs.length > 0) session.set({ runForm: { target } });
  else void startRun({ target });
};
