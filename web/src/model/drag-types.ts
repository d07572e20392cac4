/** Drag-and-drop payload types: a palette item (its node type) and an output image (its JSON). */
export const NODE_MIME = 'application/x-atelier-node';
export const IMAGE_MIME = 'application/x-atelier-image';
