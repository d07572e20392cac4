import { IMAGE_MIME } from '../model/drag-types';
import type { FieldSpec, ImageValue } from '@atelier/graph';
import { useRef, useState } from 'react';
import { blobUrl } from '../api/api';
import { uploadImage } from '../api/upload';
import { maskBaseImage } from '../model/mask-base';
import { nodeLabel } from '../model/describe-issue';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';

interface Props {
  id: string;
  nodeId: string;
  field: Extract<FieldSpec, { kind: 'image' | 'mask' }>;
  value: unknown;
  /** What the shown run was given for this field as a named input, if anything. */
  runValue?: unknown;
}

const asImage = (value: unknown): ImageValue | undefined =>
  value && typeof value === 'object' && 'blob' in value ? (value as ImageValue) : undefined;

/** Uploads a file into an image/mask field; errors become toasts a person can act on. */
export const uploadInto = async (
  nodeId: string,
  field: string,
  kind: 'image' | 'mask',
  file: File,
) => {
  const session = useSession.getState();
  try {
    const node = useDocument.getState().nodes.find((n) => n.id === nodeId);
    const image = await uploadImage(file, { kind, ...(node && { node: nodeLabel(node) }) });
    const value =
      kind === 'mask'
        ? { blob: image.blob, mime: 'image/png', width: image.width, height: image.height }
        : image;
    useDocument.getState().updateField(nodeId, field, value);
    session.toast(
      `Uploaded ${image.width}×${image.height} ${image.mime.replace('image/', '')}`,
      'success',
    );
  } catch (error) {
    session.toast(error instanceof Error ? error.message : String(error), 'error');
  }
};

/**
 * Thumbnail plus upload (click or drop); a mask also offers "Paint mask". When the shown run was
 * given another image through a named input, the card shows that one, marked "run input" (the
 * field's own image stays the recipe's, one click away), so the canvas shows what the run used.
 */
export function ImageFieldEditor({ id, nodeId, field, value, runValue }: Props) {
  const own = asImage(value);
  const ran = asImage(runValue);
  const fromRun = ran && ran.blob !== own?.blob ? ran : undefined;
  const image = fromRun ?? own;
  const testId = fromRun ? `run-input-${nodeId}-${field.name}` : `thumb-${nodeId}-${field.name}`;
  const fileRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  // A blob this server cannot serve (a plain .atelier.json from elsewhere): say so on the node,
  // until a document is loaded again (a bundle import may have brought the blob): then retry.
  const loads = useDocument((s) => s.loads);
  const [broken, setBroken] = useState<{ blob: string; loads: number }>();
  const missing = image !== undefined && broken?.blob === image.blob && broken.loads === loads;
  const onMissing = () => setBroken(image && { blob: image.blob, loads });
  const onDrop = (e: React.DragEvent) => {
    const file = e.dataTransfer.files[0];
    const dragged = e.dataTransfer.getData(IMAGE_MIME);
    if (!file && !dragged) return;
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    if (file) void uploadInto(nodeId, field.name, field.kind, file);
    else if (field.kind === 'image')
      useDocument.getState().updateField(nodeId, field.name, JSON.parse(dragged));
  };
  return (
    <div
      className={`image-field nodrag${over ? ' drop-over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        e.stopPropagation();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {missing ? (
        <div
          className="thumb-missing"
          role="status"
          data-testid={`missing-${nodeId}-${field.name}`}
        >
          {field.kind === 'mask' ? 'This mask' : 'This image'} is not on this server (the file did
          not carry it): drop or upload it again.
        </div>
      ) : image && field.kind === 'mask' ? (
        <MaskThumb
          nodeId={nodeId}
          mask={image}
          label={field.label}
          testId={testId}
          onMissing={onMissing}
        />
      ) : image ? (
        <button
          type="button"
          className="thumb-button"
          aria-label={`Open ${field.label} large`}
          onClick={() => useSession.getState().set({ lightbox: { image, title: field.label } })}
        >
          <img
            className="thumb"
            src={blobUrl(image.blob)}
            alt={field.label}
            data-testid={testId}
            onError={onMissing}
          />
        </button>
      ) : (
        <div className="thumb-empty">
          {field.kind === 'mask' ? 'No mask yet' : 'Drop an image here'}
        </div>
      )}
      <div className="image-actions">
        {image && (
          <span className="dims" title={fromRun ? 'Given as a named input of the run' : undefined}>
            {image.width}×{image.height}
            {fromRun && ' · run input'}
          </span>
        )}
        {fromRun && own && (
          <button
            type="button"
            className="mini-button"
            data-testid={`own-${nodeId}-${field.name}`}
            title="The image saved in the recipe (used when a run gives none)"
            onClick={() =>
              useSession
                .getState()
                .set({ lightbox: { image: own, title: `${field.label} (saved)` } })
            }
          >
            Saved
          </button>
        )}
        {field.kind === 'mask' && (
          <button
            type="button"
            className="mini-button accent"
            data-testid={`paint-mask-${nodeId}`}
            onClick={() => useSession.getState().set({ maskTarget: nodeId })}
          >
            Paint mask
          </button>
        )}
        <button
          type="button"
          className="mini-button"
          data-testid={`upload-${nodeId}-${field.name}`}
          aria-label={`Upload ${field.label}`}
          onClick={() => fileRef.current?.click()}
        >
          Upload…
        </button>
        <input
          id={id}
          ref={fileRef}
          type="file"
          hidden
          data-testid={`file-${nodeId}-${field.name}`}
          accept={field.kind === 'mask' ? 'image/png' : 'image/png,image/webp,image/jpeg'}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void uploadInto(nodeId, field.name, field.kind, file);
          }}
        />
      </div>
    </div>
  );
}

/** The blob a mask node paints over (a connected reference, or the run output feeding it). */
const useMaskBase = (nodeId: string): string | undefined => {
  const nodes = useDocument((s) => s.nodes);
  const edges = useDocument((s) => s.edges);
  const runs = useSession((s) => s.nodeRuns);
  return maskBaseImage(nodes, edges, (id) => runs[id]?.outputs, nodeId)?.blob;
};

/** The mask over its image: the region to change is tinted, the rest shows the image as is. */
function MaskThumb({
  nodeId,
  mask,
  label,
  testId,
  onMissing,
}: {
  nodeId: string;
  mask: ImageValue;
  label: string;
  testId: string;
  onMissing: () => void;
}) {
  const base = useMaskBase(nodeId);
  const maskUrl = `url(${blobUrl(mask.blob)})`;
  return (
    <button
      type="button"
      className="thumb-button mask-thumb checker"
      style={{
        aspectRatio: `${mask.width} / ${mask.height}`,
        width: `min(100%, ${Math.round((180 * mask.width) / mask.height)}px)`,
      }}
      aria-label={`Open ${label} large`}
      onClick={() => useSession.getState().set({ lightbox: { image: mask, title: label } })}
    >
      {base ? (
        <img className="thumb" src={blobUrl(base)} alt="" />
      ) : (
        <img className="thumb" src={blobUrl(mask.blob)} alt="" />
      )}
      {base && (
        <span
          className="mask-tint"
          style={{
            WebkitMaskImage: `linear-gradient(#000, #000), ${maskUrl}`,
            maskImage: `linear-gradient(#000, #000), ${maskUrl}`,
          }}
        />
      )}
      <img
        className="mask-probe"
        src={blobUrl(mask.blob)}
        alt={label}
        data-testid={testId}
        onError={onMissing}
      />
    </button>
  );
}
