import { IMAGE_MIME } from './canvas-drop';
import type { ImageValue, Source } from '@atelier/graph';
import { memo } from 'react';
import { blobUrl } from '../api';
import type { NodeRunView } from '../store/session-store';
import { useSession } from '../store/session-store';

interface Props {
  nodeId: string;
  type: string;
  run?: NodeRunView;
  /** The node's document data, to tell a run's named-input text from the field's own. */
  data: Record<string, unknown>;
}

const isImage = (v: unknown): v is ImageValue => !!v && typeof v === 'object' && 'blob' in v;

/** An output image: opens large on click, drags onto the canvas as a new reference node. */
export function OutputImage({
  image,
  nodeId,
  partial,
}: {
  image: ImageValue;
  nodeId: string;
  partial?: number;
}) {
  return (
    <button
      type="button"
      className="output-image nodrag"
      aria-label={partial === undefined ? 'Open the image large' : `Partial image ${partial + 1}`}
      onClick={() =>
        useSession.getState().set({ lightbox: { image, title: `Output of ${nodeId}` } })
      }
    >
      <img
        src={blobUrl(image.blob)}
        alt={
          partial === undefined
            ? `Output of ${nodeId}`
            : `Partial image ${partial + 1} of ${nodeId}`
        }
        data-testid={partial === undefined ? `output-image-${nodeId}` : `partial-image-${nodeId}`}
        draggable
        onDragStart={(e) => {
          e.dataTransfer.setData(IMAGE_MIME, JSON.stringify(image));
          e.dataTransfer.effectAllowed = 'copy';
        }}
      />
      {partial !== undefined && <span className="partial-badge">partial {partial + 1}</span>}
    </button>
  );
}

/** Per-type preview of what a node produced in the current or opened run. */
export const NodePreview = memo(function NodePreview({ nodeId, type, run, data }: Props) {
  if (!run) return null;
  if (type === 'prompt') {
    // A run given this prompt as a named input ran with other text than the field shows.
    const text = run.outputs?.text;
    if (typeof text !== 'string' || text === data.text) return null;
    return (
      <p className="run-input-text" data-testid={`run-input-${nodeId}-text`} title={text}>
        <span className="muted">Run input:</span> {text}
      </p>
    );
  }
  if (type === 'generate' || type === 'edit') {
    const image = run.status === 'running' && run.partial ? run.partial.image : run.outputs?.image;
    const revised = run.outputs?.revised_prompt;
    if (!isImage(image))
      return run.status === 'running' ? <div className="preview-wait">Drawing…</div> : null;
    // Queued, failed, skipped or cancelled: the image is an earlier run's, and says so.
    const earlier = run.status !== 'succeeded' && run.status !== 'running';
    return (
      <div className={`preview${earlier ? ' earlier' : ''}`}>
        <OutputImage
          image={image}
          nodeId={nodeId}
          partial={run.status === 'running' ? run.partial?.index : undefined}
        />
        {earlier && (
          <span className="earlier-badge" data-testid={`earlier-output-${nodeId}`}>
            from an earlier run
          </span>
        )}
        {typeof revised === 'string' && revised && run.status !== 'running' && (
          <p className="revised" title={revised}>
            {revised}
          </p>
        )}
      </div>
    );
  }
  if (type === 'web_search') {
    const text = run.outputs?.text;
    const sources = (run.outputs?.sources as Source[] | undefined) ?? [];
    if (typeof text !== 'string')
      return run.status === 'running' ? <div className="preview-wait">Searching…</div> : null;
    return (
      <div className="preview" data-testid={`search-summary-${nodeId}`}>
        <p className="summary nowheel">{text}</p>
        {sources.length > 0 && (
          <ul className="sources">
            {sources.slice(0, 5).map((s) => (
              <li key={s.url}>
                <a href={s.url} target="_blank" rel="noreferrer" title={s.url} className="nodrag">
                  {s.title || s.url}
                </a>
              </li>
            ))}
            {sources.length > 5 && <li className="muted">+{sources.length - 5} more</li>}
          </ul>
        )}
      </div>
    );
  }
  return null;
});
