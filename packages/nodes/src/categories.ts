import type { PortKind } from '@atelier/graph';

/**
 * The palette's groups, in palette order. `accent` is the port kind whose colour marks the
 * group's cards, so a new group needs no stylesheet change.
 */
export const NODE_CATEGORIES = {
  input: { label: 'Inputs', accent: 'text' },
  text: { label: 'Text', accent: 'text' },
  search: { label: 'Search', accent: 'sources' },
  image: { label: 'Images', accent: 'image' },
  recipe: { label: 'Recipes', accent: 'image' },
} as const satisfies Record<string, { label: string; accent: PortKind }>;

export type NodeCategory = keyof typeof NODE_CATEGORIES;
