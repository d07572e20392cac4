import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { restoreDocument, startAutosave } from './app/autosave';
import { seedStarter } from './app/starter';
import { reserveIds, useDocument } from './store/document-store';
import { useSession } from './store/session-store';

// `?blank` starts from an empty canvas (handy for tests and demos).
const blank = new URLSearchParams(location.search).has('blank');
if (!blank && !restoreDocument()) seedStarter();
startAutosave();
reserveIds(() => Object.keys(useSession.getState().nodeRuns));
// Stores reachable from end-to-end tests and the console (read state, never required by the UI).
Object.assign(window, { __atelier: { useDocument, useSession } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
