import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { restoreDocument, startAutosave } from './app/autosave';
import { openWorkflow } from './library/library-actions';
import { seedStarter } from './app/starter';
import { SharePage } from './sharing/SharePage';
import { shareTokenOf } from './sharing/share-api';
import { reserveIds, useDocument } from './store/document-store';
import { useSession } from './store/session-store';
import { passTeamGate } from './team/team-gate';

const root = createRoot(document.getElementById('root')!);
const shareToken = shareTokenOf(location.pathname);

if (shareToken !== undefined) {
  // A share link: its own page, no editor state (nothing is autosaved or restored).
  root.render(
    <StrictMode>
      <SharePage token={shareToken} />
    </StrictMode>,
  );
} else {
  // Team mode: sign-in, invitation and "not a member" pages come before the editor.
  void passTeamGate(root).then((pass) => pass && startEditor());
}

function startEditor() {
  const params = new URLSearchParams(location.search);
  // `?blank` starts from an empty canvas (handy for tests and demos).
  if (!params.has('blank') && !restoreDocument()) seedStarter();
  startAutosave();
  reserveIds(() => Object.keys(useSession.getState().nodeRuns));
  // Stores reachable from end-to-end tests and the console (read state, never required by the UI).
  Object.assign(window, { __atelier: { useDocument, useSession } });
  // `?open=<id>`: a library workflow to open (a fork made from a shared link lands here).
  const open = params.get('open');
  if (open) {
    history.replaceState(null, '', location.pathname);
    void openWorkflow(open);
  }
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
