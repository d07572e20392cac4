/** Terse workflow parts for tests: `node('g1', 'generate', {...})`, `edge('e1', 'p1.text', 'g1.prompt')`. */
import type { WorkflowNode } from '@atelier/graph';

/** A node at the origin (tests that read positions build their own). */
export const node = (
  id: string,
  type: string,
  data: Record<string, unknown> = {},
): WorkflowNode => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data,
});

/** An edge from `source.handle` to `target.handle`. */
export const edge = (id: string, from: string, to: string) => {
  const [source, sourceHandle] = from.split('.') as [string, string];
  const [target, targetHandle] = to.split('.') as [string, string];
  return { id, source, sourceHandle, target, targetHandle };
};
