import type { ImageValue, MaskValue } from '@atelier/graph';
import { lazy, Suspense, useEffect } from 'react';
import { blobUrl } from '../api/api';
import { uploadImage } from '../api/upload';
import { mediaFieldOf } from '../model/catalogue';
import { fieldOf } from '../model/node-data';
import { isImageValue, maskBaseImage } from '../model/mask-base';
import { nodeLabel } from '../model/describe-issue';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';

const MaskPainter = lazy(() => import('./MaskPainter').then((m) => ({ default: m.MaskPainter })));

/** The image the mask node `maskNodeId` paints over, now. */
const currentBase = (maskNodeId: string): ImageValue | undefined => {
  const { nodes, edges } = useDocument.getState();
  const runs = useSession.getState().nodeRuns;
  return maskBaseImage(nodes, edges, (id) => runs[id]?.outputs, maskNodeId);
};

/** Opens the MaskPainter for the mask node in `maskTarget`; saving uploads the PNG into its field. */
export function MaskPainterHost() {
  const target = useSession((s) => s.maskTarget);
  const base = target ? currentBase(target) : undefined;
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
  const node = useDocument.getState().nodes.find((n) => n.id === target);
  const field = mediaFieldOf(node?.type);
  const current = field && node && fieldOf(node, field.name);
  const close = () => useSession.getState().set({ maskTarget: undefined });
  return (
    <Suspense fallback={<div className="modal-backdrop">Loading the mask painter…</div>}>
      <MaskPainter
        imageUrl={blobUrl(base.blob)}
        width={base.width}
        height={base.height}
        initialMaskUrl={isImageValue(current) ? blobUrl(current.blob) : undefined}
        onCancel={close}
        onSave={async (png) => {
          try {
            const stored = await uploadImage(new Blob([png], { type: 'image/png' }), {
              kind: 'mask',
              ...(node && { node: nodeLabel(node) }),
            });
            const mask: MaskValue = {
              blob: stored.blob,
              mime: 'image/png',
              width: stored.width,
              height: stored.height,
            };
            if (field) useDocument.getState().updateField(target, field.name, mask);
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
