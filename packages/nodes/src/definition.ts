import type { NodeSpec } from '@atelier/graph';
import type { z } from 'zod';
import type { NodeContext, NodeResult } from './context';
import type { ModelProblem } from './models/image-model-rules';
import type { ModelFamily } from './models/model-entry';

/** A field that names a model (empty = the configured default of its family). */
export interface ModelFieldSpec {
  field: string;
  family: ModelFamily;
  /** The model must be able to call the image_generation tool. */
  needsImageTool?: boolean;
}

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
  /** Fields that name models: checked against the model catalogue before any call. */
  modelFields?: readonly ModelFieldSpec[];
  /** The data's choices that the resolved models do not accept (sizes, qualities, …). */
  checkModels?(data: z.infer<S>, models: { model: string; imageModel: string }): ModelProblem[];
  run(ctx: NodeContext<z.infer<S>>): Promise<NodeResult>;
}

export type NodeRegistry = ReadonlyMap<string, NodeDefinition>;
