import { z } from 'zod';

export const WORKFLOW_FORMAT = 'atelier.workflow';
export const WORKFLOW_VERSION = 1;

export type NodeId = string & { readonly __brand: 'NodeId' };

/**
 * Names a JavaScript object already has: as a key of a plain `{}` they vanish or clash
 * (`{}["__proto__"] = x` sets the prototype), so ids and input names may not be one.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);
const notReserved = (value: string) => !RESERVED_NAMES.has(value);
const reservedMessage = (what: string) => ({
  error: (issue: { input?: unknown }) =>
    `"${String(issue.input)}" is reserved and cannot be ${what}; choose another, e.g. "${String(issue.input).replace(/_/g, '')}-1"`,
});

const id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, "_", ".", ":" or "-"')
  .refine(notReserved, reservedMessage('an id'));

export const positionSchema = z.object({ x: z.number(), y: z.number() });

export const workflowNodeSchema = z.object({
  id,
  type: z.string().min(1),
  position: positionSchema.default({ x: 0, y: 0 }),
  /** Node fields; checked against the node type's own schema during validation. */
  data: z.record(z.string(), z.unknown()).default({}),
  /** View-only state (size, collapsed, colour…): never part of execution or cache keys. */
  view: z.record(z.string(), z.unknown()).optional(),
});

export const workflowEdgeSchema = z.object({
  id,
  source: id,
  sourceHandle: z.string().min(1),
  target: id,
  targetHandle: z.string().min(1),
});

export const workflowInputSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'a name like "subject" or "product_photo"')
    .refine(notReserved, reservedMessage('an input name')),
  node: id,
  field: z.string().min(1),
  label: z.string().optional(),
});

/** A named result of the workflow: an output port of one of its nodes (DESIGN.md §13). */
export const workflowOutputSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'a name like "hero" or "product_shot"')
    .refine(notReserved, reservedMessage('an output name')),
  node: id,
  port: z.string().min(1),
  label: z.string().optional(),
});

export const workflowSchema = z.object({
  format: z.literal(WORKFLOW_FORMAT),
  version: z.literal(WORKFLOW_VERSION),
  name: z.string().max(200).default('Untitled'),
  description: z.string().optional(),
  nodes: z.array(workflowNodeSchema),
  edges: z.array(workflowEdgeSchema).default([]),
  inputs: z.array(workflowInputSchema).default([]),
  /**
   * Named results (DESIGN.md §13). Optional, not defaulted: documents written before outputs
   * existed stay byte-identical when parsed and saved again. Absent = none.
   */
  outputs: z.array(workflowOutputSchema).optional(),
});

export type WorkflowNode = z.infer<typeof workflowNodeSchema>;
export type WorkflowEdge = z.infer<typeof workflowEdgeSchema>;
export type WorkflowInput = z.infer<typeof workflowInputSchema>;
export type WorkflowOutput = z.infer<typeof workflowOutputSchema>;
export type Workflow = z.infer<typeof workflowSchema>;

/** A problem found in a document: `path` like `nodes[2].data.size`. */
export interface Issue {
  path: string;
  code: string;
  message: string;
}
