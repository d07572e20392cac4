import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { rememberedRun } from '../lib/autosave';
import { watchHealth } from '../lib/health';
import { openRun } from '../lib/run-controller';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { Canvas } from './Canvas';
import { HistoryPanel } from './HistoryPanel';
import { Inspector } from './Inspector';
import { LibraryPanel } from './LibraryPanel';
import { MaskPainterHost } from './MaskPainterHost';
import { HelpPanel, IssuesDialog, Lightbox, SimulatorBanner, Toasts } from './Overlays';
import { Palette } from './Palette';
import { RunBar } from './RunBar';
import { RunForm } from './RunForm';
import { TokenDialog } from './TokenDialog';
import { TopBar } from './TopBar';
import { useShortcuts } from './use-shortcuts';

function Editor() {
  const searchRef = useRef<HTMLInputElement>(null);
  const panel = useSession((s) => s.panel);
  const flow = useReactFlow();
  useShortcuts(searchRef);
  useEffect(() => {
    const stopHealth = watchHealth();
    // A reload during a run picks the run up again (its events replay from the start).
    const runId = rememberedRun();
    if (runId) void openRun(runId);
    return stopHealth;
  }, []);
  const layout = () => {
    useDocument.getState().autoLayout();
    setTimeout(() => void flow.fitView({ duration: 200, maxZoom: 1 }), 50);
  };
  return (
    <div className="app">
      <TopBar onLayout={layout} />
      <SimulatorBanner />
      <main className="workspace">
        <Palette ref={searchRef} />
        <div className="stage">
          <Canvas />
          <RunBar />
        </div>
        {panel === 'library' && <LibraryPanel />}
        {panel === 'history' && <HistoryPanel />}
        {panel === 'help' && <HelpPanel />}
        {panel === null && <Inspector />}
      </main>
      <Toasts />
      <Lightbox />
      <IssuesDialog />
      <RunForm />
      <MaskPainterHost />
      <TokenDialog />
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Editor />
    </ReactFlowProvider>
  );
}
