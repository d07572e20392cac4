import { IMAGE_MIME } from '../model/drag-types';
import type { ImageValue, Source } from '@atelier/graph';
import type { PreviewKind } from '@atelier/nodes';
import type { ComponentType } from 'react';
import { memo } from 'react';
import { blobUrl } from '../api/api';
import { OutputCommentMarker } from '../review/CommentMarker';
import type { NodeErrorView } from '../api/run-types';
import type { NodeRunView } from '../store/session-store';
import { useSession } from '../store/session-store';
import './node-error.css';

const isImage = (v: unknown): v is ImageValue => !!v && typeof v === 'object' && 'blob' in v;

/** An output image: opens large on click, drags onto the canvas as a new reference node. */
export function OutputImage({
  image,
  nodeId,
  partial,
  caption,
}: {
  image: ImageValue;
  nodeId: string;
  partial?: number;
  /** The revised prompt, shown as the image's tooltip. */
  caption?: string;
}) {
  return (
    <button
      type="button"
      className="output-image nodrag"
      title={caption}
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
  run?: NodeRunView;
}

/**
 * A node's error, its whole text as the tooltip (and in the inspector). `clamped`: at most three
 * lines, for an error outside a scrolling preview box, so a long message cannot make the card
 * grow over the one below.
 */
export function NodeError({
  nodeId,
  error,
  clamped,
}: {
  nodeId: string;
  error?: NodeErrorView;
  clamped?: boolean;
}) {
  if (!error) return null;
  return (
    <div
      className={`node-error${clamped ? ' clamped' : ''}`}
      role="alert"
      data-testid={`error-${nodeId}`}
      title={`${error.code}: ${error.message}`}
    >
      {/* The text is clamped, not the box: its padding would show the next line. */}
      <span className="node-error-text">
        <code>{error.code}</code> {error.message}
      </span>
    </div>
  );
}

/** The node's error, inside its preview box (the card keeps its size when a run fails). */
function PreviewError({ nodeId, run }: PreviewProps) {
  return <NodeError nodeId={nodeId} error={run?.error} />;
}

/**
 * generate / edit: the image (partial ones while drawing) in a box of fixed height, reserved
 * before the first run, so an arriving image never makes the card grow over its neighbours.
 * The revised prompt is the image's tooltip (and in the inspector).
 */
function ImagePreview({ nodeId, run }: PreviewProps) {
  const runId = useSession((s) => s.run?.id);
  const image = run?.status === 'running' && run.partial ? run.partial.image : run?.outputs?.image;
  const revised = run?.outputs?.revised_prompt;
  // Queued, failed, skipped or cancelled: the image is an earlier run's, and says so.
  const earlier = !!run && run.status !== 'succeeded' && run.status !== 'running';
  return (
    <div className={`preview-box image${earlier ? ' earlier' : ''}`}>
      <PreviewError nodeId={nodeId} run={run} />
      {isImage(image) ? (
        <OutputImage
          image={image}
          nodeId={nodeId}
          partial={run?.status === 'running' ? run.partial?.index : undefined}
          caption={typeof revised === 'string' ? revised : undefined}
        />
      ) : run?.status === 'running' ? (
        <div className="preview-wait">Drawing…</div>
      ) : (
        !run?.error && <div className="preview-empty">The image appears here</div>
      )}
      {earlier && isImage(image) && (
        <span className="earlier-badge" data-testid={`earlier-output-${nodeId}`}>
          from an earlier run
        </span>
      )}
      {runId && run?.status === 'succeeded' && isImage(image) && (
        <OutputCommentMarker runId={runId} nodeId={nodeId} />
      )}
    </div>
  );
}

/** web_search: the cited summary and its sources, scrolling inside a reserved box. */
function SearchPreview({ nodeId, run }: PreviewProps) {
  const text = run?.outputs?.text;
  const sources = (run?.outputs?.sources as Source[] | undefined) ?? [];
  return (
    <div className="preview-box search nowheel">
      <PreviewError nodeId={nodeId} run={run} />
      {typeof text === 'string' ? (
        <div data-testid={`search-summary-${nodeId}`}>
          <p className="summary">{text}</p>
          {sources.length > 0 && (
            <ul className="sources">
              {sources.map((s) => (
                <li key={s.url}>
                  <a href={s.url} target="_blank" rel="noreferrer" title={s.url} className="nodrag">
                    {s.title || s.url}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : run?.status === 'running' ? (
        <div className="preview-wait">Searching…</div>
      ) : (
        !run?.error && <div className="preview-empty">The summary and sources appear here</div>
      )}
    </div>
  );
}

/** A text the node made (a joined prompt, …), scrolling inside a reserved box. */
function TextPreview({ nodeId, run }: PreviewProps) {
  const text = run?.outputs?.text;
  return (
    <div className="preview-box text nowheel">
      <PreviewError nodeId={nodeId} run={run} />
      {typeof text === 'string' ? (
        <p className="summary" data-testid={`output-text-${nodeId}`}>
          {text}
        </p>
      ) : (
        !run?.error && <div className="preview-empty">The text appears here</div>
      )}
    </div>
  );
}

/** Nodes without a preview show their error under the fields, clamped. */
function NoPreview({ nodeId, run }: PreviewProps) {
  return <NodeError nodeId={nodeId} error={run?.error} clamped />;
}

/** One preview per kind a definition may name: a new kind fails to compile until it has one. */
const PREVIEWS: Record<PreviewKind, ComponentType<PreviewProps>> = {
  none: NoPreview,
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
  return <Preview nodeId={nodeId} run={run} />;
});
