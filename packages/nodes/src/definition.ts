import type { NodeSpec } from '@atelier/graph';
import type { z } from 'zod';
import type { NodeContext, NodeResult } from './context';

/**
 * A node type: its spec (ports, fields as data, data schema) plus `run`. One module per
 * type (prompt.ts, reference.ts, …); `registry.ts` lists them.
 */
export interface NodeDefinition<S extends z.ZodType = z.ZodType> extends NodeSpec {
  data: S;
  /** Cached outputs older than this (seconds) are stale; undefined = never stale. */
  maxAgeSeconds?(data: z.infer<S>): number | undefined;
  /** True when the node calls the model API (counts against the concurrency limit). */
  callsApi: boolean;
  run(ctx: NodeContext<z.infer<S>>): Promise<NodeResult>;
}

export type NodeRegistry = ReadonlyMap<string, NodeDefinition>;
