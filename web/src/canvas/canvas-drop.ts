import type { ImageValue } from '@atelier/graph';
import { isNodeType } from '@atelier/nodes';
import { isWorkflowFile, uploadImage } from '../api/upload';
import { imageHolder } from '../model/catalogue';
import { IMAGE_MIME, NODE_MIME, RECIPE_MIME } from '../model/drag-types';
import { addRecipeAt } from '../recipes/recipe-actions';
import { dropImageFile, importFile, isBundleFile } from '../sharing/sharing-actions';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';

/** Adds the node that holds a loose image (a reference), with `image` in it. */
const addImageNode = (image: ImageValue, position: { x: number; y: number }) => {
  if (!imageHolder) throw new Error('No node type holds an image');
  useDocument
    .getState()
    .addNode(imageHolder.type, position, { data: { [imageHolder.field]: image } });
};

/** Adds a reference node holding an uploaded image file. */
export const addImageFileAsNode = async (file: File, position: { x: number; y: number }) => {
  try {
    addImageNode(await uploadImage(file), position);
  } catch (error) {
    useSession.getState().toast(error instanceof Error ? error.message : String(error), 'error');
  }
};

/**
 * What a drop on the empty canvas does: a palette item adds that node; a library workflow (or
 * a palette recipe) adds a recipe node pinned to its current version; an output image
 * becomes a reference node; an image file is uploaded into a new reference node; a
 * workflow .json file or .atelier.zip bundle is imported.
 */
export const handleCanvasDrop = (e: React.DragEvent, position: { x: number; y: number }) => {
  const type = e.dataTransfer.getData(NODE_MIME);
  const image = e.dataTransfer.getData(IMAGE_MIME);
  const recipe = e.dataTransfer.getData(RECIPE_MIME);
  const files = [...e.dataTransfer.files];
  if (!type && !image && !recipe && files.length === 0) return;
  e.preventDefault();
  if (recipe) {
    const { workflowId, version, name } = JSON.parse(recipe) as {
      workflowId: string;
      version: number;
      name: string;
    };
    void addRecipeAt({ workflowId, version }, name, position);
    return;
  }
  if (type) {
    if (isNodeType(type)) useDocument.getState().addNode(type, position);
    return;
  }
  if (image) {
    addImageNode(JSON.parse(image) as ImageValue, position);
    return;
  }
  files.forEach((file, i) => {
    const at = { x: position.x + i * 30, y: position.y + i * 30 };
    if (isWorkflowFile(file) || isBundleFile(file)) void importFile(file);
    // An image this server made (or carrying a recipe) offers its recipe first.
    else void dropImageFile(file, at, () => addImageFileAsNode(file, at));
  });
};
