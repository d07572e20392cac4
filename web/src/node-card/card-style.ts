import type { NodeDefinition } from '@atelier/nodes';
import type { CSSProperties } from 'react';
import { categoryOf, portColor } from '../model/catalogue';

/** A card's width and category colour, from its definition (no per-type stylesheet rules). */
export const cardStyle = (def: NodeDefinition): CSSProperties =>
  ({
    width: def.view.width,
    '--cat-accent': portColor(categoryOf(def).accent),
  }) as CSSProperties;
