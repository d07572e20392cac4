import type { NodeSpec } from '@atelier/graph';
import type { z } from 'zod';
import type { NodeCategory } from './categories';
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
 * What a card shows of a run's outputs; the editor maps every kind to one preview component
 * (an exhaustive map, so a new kind fails to compile there until it has one).
 * - `none`: nothing beyond the fields (input nodes: their fields show what a run used);
 * - `image`: the `image` output (partial images while running) and the `revised_prompt`;
 * - `search`: the `text` summary and its `sources`;
 * - `text`: the `text` output.
 */
export type PreviewKind = 'none' | 'image' | 'search' | 'text';

/** How the editor lays out and previews a node type: data, never React. */
export interface NodeView {
  /** Card width in CSS pixels (nodes with many settings get a wider card). */
  width: number;
  preview: PreviewKind;
}

/**
 * A node type: its spec (ports, fields as data, data schema) plus `run`. One module per
 * type (prompt.ts, reference.ts, …); `registry.ts` lists them.
 */
export interface NodeDefinition<S extends z.ZodType = z.ZodType> extends NodeSpec {
  category: NodeCategory;
  /**
   * `input`: passes on what a person gave it (a prompt, an upload), so its outputs are not
   * results (the CLI writes no file for them); `step`: makes something new.
   */
  role: 'input' | 'step';
  view: NodeView;
  data: S;
  /** Cached outputs older than this (seconds) are stale; undefined = never stale. */
  maxAgeSeconds?(data: z.infer<S>): number | undefined;
  /**
   * The ports (and the fields a person fills) depend on the node's data, not only its type: a
   * recipe node's are its pinned recipe's signature, which the host resolves (`portsOf`).
   * Its static `inputs`/`outputs`/`fields` are empty and its data has no defaults.
   */
  dynamicPorts?: boolean;
  /**
   * false: the generic palette and node search do not offer this type; it is made elsewhere
   * (a recipe node from the palette's Recipes section, pinned to a library workflow).
   * Absent = offered.
   */
  palette?: boolean;
  /** True when the node calls the model API (counts against the concurrency limit). */
  callsApi: boolean;
  /**
   * Web searches one run may make at most (its request's `max_tool_calls`); absent = none.
   * Budgets reserve this many searches and their page content before the call.
   */
  maxSearches?(data: z.infer<S>): number;
  /** Fields that name models: checked against the model catalogue before any call. */
  modelFields?: readonly ModelFieldSpec[];
  /** The data's choices that the resolved models do not accept (sizes, qualities, …). */
  checkModels?(data: z.infer<S>, models: { model: string; imageModel: string }): ModelProblem[];
  run(ctx: NodeContext<z.infer<S>>): Promise<NodeResult>;
}

export type NodeRegistry = ReadonlyMap<string, NodeDefinition>;
