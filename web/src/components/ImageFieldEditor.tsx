import { IMAGE_MIME } from './canvas-drop';
import type { FieldSpec, ImageValue } from '@atelier/graph';
import { useRef, useState } from 'react';
import { blobUrl } from '../api';
import { uploadImage } from '../lib/upload';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';

interface Props {
  id: string;
  nodeId: string;
  field: Extract<FieldSpec, { kind: 'image' | 'mask' }>;
  value: unknown;
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
    const image = await uploadImage(file);
    if (kind === 'mask' && image.mime !== 'image/png')
      throw new Error('A mask must be a PNG with transparency');
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
 * Thumbnail plus upload (click or drop); a mask also offers "Paint mask". An empty field that a
 * run filled through a named input shows that run's image, marked as such, so the canvas shows
 * what the run used (reference and mask nodes output their field under the field's name).
 */
export function ImageFieldEditor({ id, nodeId, field, value }: Props) {
  const own = asImage(value);
  const fromRun = useSession((s) =>
    own ? undefined : asImage(s.nodeRuns[nodeId]?.outputs?.[field.name]),
  );
  const image = own ?? fromRun;
  const testId = own ? `thumb-${nodeId}-${field.name}` : `run-input-${nodeId}-${field.name}`;
  const fileRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
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
      {image && field.kind === 'mask' ? (
        <MaskThumb nodeId={nodeId} mask={image} label={field.label} testId={testId} />
      ) : image ? (
        <button
          type="button"
          className="thumb-button"
          aria-label={`Open ${field.label} large`}
          onClick={() => useSession.getState().set({ lightbox: { image, title: field.label } })}
        >
          <img className="thumb" src={blobUrl(image.blob)} alt={field.label} data-testid={testId} />
        </button>
      ) : (
        <div className="thumb-empty">
          {field.kind === 'mask' ? 'No mask yet' : 'Drop an image here'}
        </div>
      )}
      <div className="image-actions">
        {image && (
          <span className="dims" title={own ? undefined : 'Given as a named input of the run'}>
            {image.width}×{image.height}
            {!own && ' · run input'}
          </span>
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
  const edge = useDocument((s) =>
    s.edges.find((e) => e.target === nodeId && e.targetHandle === 'image'),
  );
  const fromReference = useDocument((s) => {
    const source = edge && s.nodes.find((n) => n.id === edge.source);
    return source?.type === 'reference' ? asImage(source.data.image)?.blob : undefined;
  });
  const fromRun = useSession((s) =>
    edge
      ? asImage(s.nodeRuns[edge.source]?.outputs?.[edge.sourceHandle ?? 'image'])?.blob
      : undefined,
  );
  return fromReference ?? fromRun;
};

/** The mask over its image: the region to change is tinted, the rest shows the image as is. */
function MaskThumb({
  nodeId,
  mask,
  label,
  testId,
}: {
  nodeId: string;
  mask: ImageValue;
  label: string;
  testId: string;
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
      <img className="mask-probe" src={blobUrl(mask.blob)} alt={label} data-testid={testId} />
    </button>
  );
}
