import { IMAGE_MIME } from '../model/drag-types';
import type { ImageValue, Source } from '@atelier/graph';
import type { PreviewKind } from '@atelier/nodes';
import type { ComponentType } from 'react';
import { memo } from 'react';
import { blobUrl } from '../api/api';
import type { NodeRunView } from '../store/session-store';
import { useSession } from '../store/session-store';

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

interface PreviewProps {
  nodeId: string;
  run: NodeRunView;
}

/** generate / edit: the image (partial ones while drawing) and the revised prompt. */
function ImagePreview({ nodeId, run }: PreviewProps) {
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

/** web_search: the cited summary and its first sources. */
function SearchPreview({ nodeId, run }: PreviewProps) {
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

/** A text the node made (a joined prompt, …). */
function TextPreview({ nodeId, run }: PreviewProps) {
  const text = run.outputs?.text;
  if (typeof text !== 'string') return null;
  return (
    <div className="preview" data-testid={`output-text-${nodeId}`}>
      <p className="summary nowheel">{text}</p>
    </div>
  );
}

/** One preview per kind a definition may name: a new kind fails to compile until it has one. */
const PREVIEWS: Record<PreviewKind, ComponentType<PreviewProps> | null> = {
  none: null,
  image: ImagePreview,
  search: SearchPreview,
  text: TextPreview,
};

/** What a node produced in the current or opened run, as its definition's `view.preview` says. */
export const NodePreview = memo(function NodePreview({
  nodeId,
  kind,
  run,
}: {
  nodeId: string;
  kind: PreviewKind;
  run?: NodeRunView;
}) {
  const Preview = PREVIEWS[kind];
  return run && Preview ? <Preview nodeId={nodeId} run={run} /> : null;
});
