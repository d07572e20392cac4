import type { ImageValue, MaskValue } from '@atelier/graph';
import { lazy, Suspense, useEffect } from 'react';
import { blobUrl } from '../api';
import { uploadImage } from '../lib/upload';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';

const MaskPainter = lazy(() =>
  import('../mask-painter/MaskPainter').then((m) => ({ default: m.MaskPainter })),
);

const isImage = (v: unknown): v is ImageValue => !!v && typeof v === 'object' && 'blob' in v;

/** The image a mask node paints over: what feeds its `image` input (a reference, or a run output). */
export const maskBaseImage = (maskNodeId: string): ImageValue | undefined => {
  const { nodes, edges } = useDocument.getState();
  const edge = edges.find((e) => e.target === maskNodeId && e.targetHandle === 'image');
  if (!edge) return undefined;
  const source = nodes.find((n) => n.id === edge.source);
  if (source?.type === 'reference' && isImage(source.data.image)) return source.data.image;
  const output =
    useSession.getState().nodeRuns[edge.source]?.outputs?.[edge.sourceHandle ?? 'image'];
  return isImage(output) ? output : undefined;
};

/** Opens the MaskPainter for the mask node in `maskTarget`; saving uploads the PNG into its field. */
export function MaskPainterHost() {
  const target = useSession((s) => s.maskTarget);
  const base = target ? maskBaseImage(target) : undefined;
  useEffect(() => {
    if (target && !base) {
      useSession
        .getState()
        .toast(
          'Connect an image to the mask node (and run it, if it is generated) before painting',
          'error',
        );
      useSession.getState().set({ maskTarget: undefined });
    }
  }, [target, base]);
  if (!target || !base) return null;
  const current = useDocument.getState().nodes.find((n) => n.id === target)?.data.mask;
  const close = () => useSession.getState().set({ maskTarget: undefined });
  return (
    <Suspense fallback={<div className="modal-backdrop">Loading the mask painter…</div>}>
      <MaskPainter
        imageUrl={blobUrl(base.blob)}
        width={base.width}
        height={base.height}
        initialMaskUrl={isImage(current) ? blobUrl(current.blob) : undefined}
        onCancel={close}
        onSave={async (png) => {
          try {
            const stored = await uploadImage(new File([png], 'mask.png', { type: 'image/png' }));
            const mask: MaskValue = {
              blob: stored.blob,
              mime: 'image/png',
              width: stored.width,
              height: stored.height,
            };
            useDocument.getState().updateField(target, 'mask', mask);
            useSession.getState().toast('Mask saved', 'success');
            close();
          } catch (error) {
            useSession
              .getState()
              .toast(error instanceof Error ? error.message : String(error), 'error');
          }
        }}
      />
    </Suspense>
  );
}
