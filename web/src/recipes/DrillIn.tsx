import type { ImageValue, Workflow } from '@atelier/graph';
import { useCallback, useEffect } from 'react';
import { blobUrl } from '../api/api';
import { Dialog } from '../dialogs/Dialog';
import { confirmDiscard, openWorkflow } from '../library/library-actions';
import type { ReadOnlyCard } from '../canvas/ReadOnlyGraph';
import { ReadOnlyGraph, readOnlyTitle } from '../canvas/ReadOnlyGraph';
import { recipeKey, recipeRefOf } from '../model/recipe-node';
import type { NodeRunView } from '../store/session-store';
import { useSession } from '../store/session-store';
import { recipeNameOf, useRecipes } from '../store/recipes-store';
import { useRecipeEntry } from './use-recipe';

const isImage = (v: unknown): v is ImageValue => !!v && typeof v === 'object' && 'blob' in v;

const summaryOf = (data: Record<string, unknown>): string | undefined => {
  const text = data.text ?? data.query;
  if (typeof text !== 'string' || !text) return undefined;
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

/** The inner graph of a recipe node, read-only, with each inner node's live or last run. */
function InnerGraph({ document, path }: { document: Workflow; path: string }) {
  // Inner run state is keyed `<path>/<innerId>`.
  const runs = useSession((s) => s.nodeRuns);
  // A recipe inside is known by its recipe's name, loaded like a recipe node's on the canvas.
  const entries = useRecipes((s) => s.entries);
  useEffect(() => {
    for (const n of document.nodes) {
      const ref = recipeRefOf(n);
      if (ref) void useRecipes.getState().ensure(ref);
    }
  }, [document]);
  const cardOf = useCallback(
    (n: Workflow['nodes'][number]): ReadOnlyCard => {
      const innerPath = `${path}/${n.id}`;
      const run: NodeRunView | undefined = runs[innerPath];
      const status = run?.status ?? 'idle';
      const image =
        run?.status === 'running' && run.partial
          ? run.partial.image
          : Object.values(run?.outputs ?? {}).find(isImage);
      const own = n.view?.title;
      const ref = recipeRefOf(n);
      const entry = ref && entries[recipeKey(ref)];
      const recipeName = entry?.status === 'ready' ? entry.document.name : undefined;
      const title = (typeof own === 'string' && own.trim()) || recipeName || readOnlyTitle(n);
      return {
        title,
        note: n.id,
        status,
        statusLabel: status === 'idle' ? 'not run' : status,
        cached: run?.cached,
        text: summaryOf(n.data),
        error: run?.error?.message,
        images: isImage(image)
          ? [
              {
                url: blobUrl(image.blob),
                alt: `${title} ${run?.status === 'running' ? 'partial image' : 'output'}`,
              },
            ]
          : [],
        // A recipe inside the recipe drills in further.
        action: ref ? 'Open ⤢' : undefined,
        ids: {
          card: `inner-${innerPath}`,
          status: `inner-status-${innerPath}`,
          image: `inner-image-${innerPath}`,
          action: `inner-open-${innerPath}`,
        },
      };
    },
    [path, runs, entries],
  );
  const open = useCallback(
    (id: string) => {
      const node = document.nodes.find((n) => n.id === id);
      const ref = node && recipeRefOf(node);
      if (node && ref)
        useRecipes.getState().set({
          drill: { path: `${path}/${id}`, ref, title: recipeNameOf(node) ?? readOnlyTitle(node) },
        });
    },
    [document, path],
  );
  return <ReadOnlyGraph document={document} cardOf={cardOf} onAction={open} />;
}

/** "Open" on a recipe node: its inner graph read-only, and "Edit recipe" to change it. */
export function DrillIn({
  drill,
}: {
  drill: NonNullable<ReturnType<typeof useRecipes.getState>['drill']>;
}) {
  const entry = useRecipeEntry(drill.ref);
  const close = () => useRecipes.getState().set({ drill: undefined });
  const edit = async () => {
    if (!(await confirmDiscard('Open the recipe'))) return;
    close();
    await openWorkflow(drill.ref.workflowId);
  };
  const parent = drill.path.includes('/')
    ? drill.path.slice(0, drill.path.lastIndexOf('/'))
    : undefined;
  return (
    <Dialog
      title={`${entry?.status === 'ready' ? entry.document.name : drill.title} · v${drill.ref.version} (read-only)`}
      testId="recipe-drill"
      className="recipe-dialog"
      onClose={close}
      actions={
        <>
          {parent && (
            <span className="muted small" data-testid="recipe-drill-path">
              inside {parent}
            </span>
          )}
          <button type="button" className="tb" data-testid="recipe-drill-close" onClick={close}>
            Close
          </button>
          <button
            type="button"
            className="tb primary"
            data-testid="recipe-edit"
            title="Open the library workflow to change it; recipe nodes keep their pinned version until upgraded"
            onClick={() => void edit()}
          >
            Edit recipe
          </button>
        </>
      }
    >
      {entry?.status === 'failed' && <p className="error-text">{entry.error}</p>}
      {entry?.status === 'ready' ? (
        <div className="drill-canvas" data-testid="recipe-drill-canvas">
          <InnerGraph document={entry.document} path={drill.path} />
        </div>
      ) : (
        entry?.status !== 'failed' && <p className="muted">Loading the recipe…</p>
      )}
    </Dialog>
  );
}
