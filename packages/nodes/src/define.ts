import type { z } from 'zod';
import type { NodeDefinition } from './definition';

/** Keeps the node type as a literal so the registry can derive the union of types. */
export const defineNode = <const T extends string, S extends z.ZodType>(
  definition: NodeDefinition<S> & { type: T },
): NodeDefinition<S> & { type: T } => definition;
