import type { ImageValue } from '@atelier/graph';
import { isWorkflowFile, uploadImage } from '../lib/upload';
import { importWorkflowFile } from '../lib/import-export';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';

export const NODE_MIME = 'application/x-atelier-node';
export const IMAGE_MIME = 'application/x-atelier-image';

/** Adds a reference node holding an uploaded image file. */
export const addImageFileAsNode = async (file: File, position: { x: number; y: number }) => {
  try {
    const image = await uploadImage(file);
    useDocument.getState().addNode('reference', position, { data: { image } });
  } catch (error) {
    useSession.getState().toast(error instanceof Error ? error.message : String(error), 'error');
  }
};

/**
 * What a drop on the empty canvas does: a palette item adds that node; an output image
 * becomes a reference node; an image file is uploaded into a new reference node; a
 * workflow .json file is imported.
 */
export const handleCanvasDrop = (e: React.DragEvent, position: { x: number; y: number }) => {
  const type = e.dataTransfer.getData(NODE_MIME);
  const image = e.dataTransfer.getData(IMAGE_MIME);
  const files = [...e.dataTransfer.files];
  if (!type && !image && files.length === 0) return;
  e.preventDefault();
  if (type) {
    useDocument.getState().addNode(type, position);
    return;
  }
  if (image) {
    useDocument
      .getState()
      .addNode('reference', position, { data: { image: JSON.parse(image) as ImageValue } });
    return;
  }
  files.forEach((file, i) => {
    const at = { x: position.x + i * 30, y: position.y + i * 30 };
    if (isWorkflowFile(file)) void importWorkflowFile(file);
    else void addImageFileAsNode(file, at);
  });
};
