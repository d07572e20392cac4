import { ReactFlowProvider } from '@xyflow/react';
import { useFitReadable } from '../canvas/use-fit-readable';
import { useEffect, useRef } from 'react';
import { rememberedRun, restoredRun } from './autosave';
import { watchHealth } from './health';
import { openRun, showPastRun } from '../runs/run-controller';
import { useDocument } from '../store/document-store';
import { useModels } from '../store/models-store';
import { useSession } from '../store/session-store';
import { Canvas } from '../canvas/Canvas';
import { HistoryPanel } from '../runs/HistoryPanel';
import { BatchPanel } from '../batches/BatchPanel';
import { Inspector } from '../inspector/Inspector';
import { LibraryPanel } from '../library/LibraryPanel';
import { MaskPainterHost } from '../mask-painter/MaskPainterHost';
import { DialogHost } from '../dialogs/DialogHost';
import { IssuesDialog } from '../dialogs/IssuesDialog';
import { Lightbox } from '../dialogs/Lightbox';
import { HelpPanel } from './HelpPanel';
import { SimulatorBanner } from './SimulatorBanner';
import { Toasts } from './Toasts';
import { Palette } from '../palette/Palette';
import { RunBar } from '../runs/RunBar';
import { RunForm } from '../runs/RunForm';
import { TokenDialog } from '../dialogs/TokenDialog';
import { TopBar } from './TopBar';
import { ReviewOverlay } from '../review/ReviewOverlay';
import { SharingDialogs } from '../sharing/SharingDialogs';
import { useShortcuts } from './use-shortcuts';
import { VersionsHost } from '../versions/VersionsHost';
import { VersionsPanel } from '../versions/VersionsPanel';
import { RecipesHost } from '../recipes/RecipesHost';

function Editor() {
  const searchRef = useRef<HTMLInputElement>(null);
  const panel = useSession((s) => s.panel);
  const fit = useFitReadable();
  useShortcuts(searchRef);
  useEffect(() => {
    const stopHealth = watchHealth();
    void useModels.getState().load();
    // A reload during a run picks the run up again (its events replay from the start).
    const runId = rememberedRun();
    if (runId) void openRun(runId);
    else {
      // The outputs of the last run come back with the document.
      const last = restoredRun();
      if (last) void showPastRun(last);
    }
    return stopHealth;
  }, []);
  const layout = () => {
    useDocument.getState().autoLayout();
    // After the moved cards are measured in place: readable, never a far-zoom overview.
    setTimeout(() => fit(), 50);
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
          {/* Over the canvas only: never over the inspector or a side panel (or the palette's minimap). */}
          <Toasts />
        </div>
        {panel === 'library' && <LibraryPanel />}
        {panel === 'history' && <HistoryPanel />}
        {panel === 'help' && <HelpPanel />}
        {panel === 'versions' && <VersionsPanel />}
        {panel === 'batch' && <BatchPanel />}
        {panel === null && <Inspector />}
      </main>
      <Lightbox />
      <IssuesDialog />
      <SharingDialogs />
      <RunForm />
      <MaskPainterHost />
      <TokenDialog />
      <RecipesHost />
      <DialogHost />
      <VersionsHost />
      <ReviewOverlay />
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
