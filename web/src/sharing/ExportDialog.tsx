import { useState } from 'react';
import { Dialog } from '../dialogs/Dialog';
import { sharingApi } from './owner-api';

/**
 * Export: the bundle (.atelier.zip: the document with every image and mask it uses, and
 * optionally the last run's outputs — opens whole on any Atelier server) or the plain
 * .atelier.json (text, diff-friendly; its images stay behind). The bundle needs the
 * workflow saved in the library; the plain file is the canvas as it is.
 */
export const ExportDialog = ({
  workflowId,
  unsaved,
  onPlain,
  onClose,
}: {
  workflowId?: string;
  unsaved: boolean;
  onPlain: () => void;
  onClose: () => void;
}) => {
  const [outputs, setOutputs] = useState(true);
  const [error, setError] = useState<string>();
  const bundle = async () => {
    try {
      await sharingApi.exportBundle(workflowId!, { outputs });
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Dialog
      title="Export"
      testId="export-dialog"
      onClose={onClose}
      actions={
        <button type="button" className="tb" onClick={onClose}>
          Close
        </button>
      }
    >
      <section>
        <h3>Bundle (.atelier.zip)</h3>
        <p>
          The recipe with every image and mask it uses: import it on any Atelier server and it runs
          at once.
        </p>
        {!workflowId ? (
          <p className="muted">Save the workflow in the library first.</p>
        ) : (
          <>
            {unsaved && (
              <p className="muted">
                The bundle holds the last saved version; save to include your latest changes.
              </p>
            )}
            <label>
              <input
                type="checkbox"
                checked={outputs}
                onChange={(e) => setOutputs(e.target.checked)}
              />{' '}
              Include the last run’s output images
            </label>
            <div className="dialog-actions">
              <button
                type="button"
                className="tb primary"
                data-testid="export-bundle"
                onClick={() => void bundle()}
              >
                Download bundle
              </button>
            </div>
          </>
        )}
      </section>
      <section>
        <h3>Plain document (.atelier.json)</h3>
        <p>
          Text only, good for diffs and version control. <b>Its images stay behind</b>: on another
          server the photo and mask nodes will be empty.
        </p>
        <div className="dialog-actions">
          <button
            type="button"
            className="tb"
            data-testid="export-json"
            onClick={() => {
              onPlain();
              onClose();
            }}
          >
            Download .atelier.json
          </button>
        </div>
      </section>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
};
