import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { restoreDocument, startAutosave } from './lib/autosave';
import { seedStarter } from './lib/starter';

// `?blank` starts from an empty canvas (handy for tests and demos).
const blank = new URLSearchParams(location.search).has('blank');
if (!blank && !restoreDocument()) seedStarter();
startAutosave();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
