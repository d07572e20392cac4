/** Drag-and-drop payload types: a palette item (its node type) and an output image (its JSON). */
export const NODE_MIME = 'application/x-atelier-node';
export const IMAGE_MIME = 'application/x-atelier-image';
/** A library workflow dragged to be used as a recipe node: `{ workflowId, version }` as JSON. */
export const RECIPE_MIME = 'application/x-atelier-recipe';
