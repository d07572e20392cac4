import { Dialog } from '../dialogs/Dialog';
import { exportWorkflow } from '../library/import-export';
import { isDirty, useDocument } from '../store/document-store';
import { ExportDialog } from './ExportDialog';
import { ShareDialog } from './ShareDialog';
import { openRecipe } from './sharing-actions';
import { useSharing } from './sharing-store';

/** The image dropped on the canvas leads to a recipe: open it, or just use the image. */
const RecipeOffer = () => {
  const offer = useSharing((s) => s.offer);
  if (!offer) return null;
  const { found } = offer;
  const close = () => useSharing.getState().set({ offer: undefined });
  const where =
    found.source === 'provenance'
      ? `This image was made on this server by “${found.recipe.name}”${found.recipe.source.workflowVersion ? ` (version ${found.recipe.source.workflowVersion})` : ''}.`
      : `This image carries the recipe “${found.recipe.name}” (embedded when it was downloaded with its recipe).`;
  return (
    <Dialog
      title="Open its recipe?"
      testId="recipe-offer"
      onClose={close}
      actions={
        <>
          <button
            type="button"
            className="tb"
            data-testid="recipe-offer-image"
            onClick={() => {
              close();
              void offer.asImage();
            }}
          >
            Use as an image
          </button>
          <button
            type="button"
            className="tb primary"
            autoFocus
            data-testid="recipe-offer-open"
            onClick={() => {
              close();
              openRecipe(found);
            }}
          >
            Open its recipe
          </button>
        </>
      }
    >
      <p>{where}</p>
      <p className="muted">
        Opening it replaces the canvas with that recipe and the inputs of the run that made the
        image, as a new document (Ctrl+Z goes back).
      </p>
    </Dialog>
  );
};

/** The editor's sharing dialogs: Share, Export, and the offer made by a dropped image. */
export function SharingDialogs() {
  const dialog = useSharing((s) => s.dialog);
  const workflowId = useDocument((s) => s.workflowId);
  const version = useDocument((s) => s.version);
  const name = useDocument((s) => s.name);
  const unsaved = useDocument(isDirty);
  const close = () => useSharing.getState().set({ dialog: undefined });
  return (
    <>
      {dialog === 'share' && workflowId && (
        <ShareDialog workflowId={workflowId} version={version ?? 1} name={name} onClose={close} />
      )}
      {dialog === 'export' && (
        <ExportDialog
          workflowId={workflowId}
          unsaved={unsaved}
          onPlain={exportWorkflow}
          onClose={close}
        />
      )}
      <RecipeOffer />
    </>
  );
}
