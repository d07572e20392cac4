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

/** Named colours of notes and groups: the editor maps each to a tint that reads on its theme. */
export const ANNOTATION_COLORS = [
  'yellow',
  'orange',
  'red',
  'pink',
  'purple',
  'blue',
  'teal',
  'green',
  'grey',
] as const;
export type AnnotationColor = (typeof ANNOTATION_COLORS)[number];
/** Longest note text: a page of prose, not a data store. */
export const MAX_NOTE_TEXT = 10_000;

export const sizeSchema = z.object({
  width: z.number().positive().max(100_000),
  height: z.number().positive().max(100_000),
});

/**
 * A sticky note on the canvas: view-only like a node's `view`. It is not a node: it never runs,
 * never reaches a cache key, and nothing wires to it.
 */
export const workflowNoteSchema = z.object({
  id,
  text: z.string().max(MAX_NOTE_TEXT),
  position: positionSchema,
  /** Absent: the editor's default note size. */
  size: sizeSchema.optional(),
  color: z.enum(ANNOTATION_COLORS).optional(),
});

/**
 * A group (frame) around part of the graph. Its members are the nodes (and notes, and smaller
 * groups) whose position lies inside its rectangle — geometry, not a list of ids — so deleting,
 * pasting or extracting nodes never leaves it pointing at nodes that are gone.
 */
export const workflowGroupSchema = z.object({
  id,
  title: z.string().max(200),
  position: positionSchema,
  size: sizeSchema,
  color: z.enum(ANNOTATION_COLORS).optional(),
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
  /** Sticky notes (view only; optional and not defaulted, like `outputs`). */
  notes: z.array(workflowNoteSchema).optional(),
  /** Groups / frames (view only; optional and not defaulted). */
  groups: z.array(workflowGroupSchema).optional(),
});

export type WorkflowNode = z.infer<typeof workflowNodeSchema>;
export type WorkflowEdge = z.infer<typeof workflowEdgeSchema>;
export type WorkflowInput = z.infer<typeof workflowInputSchema>;
export type WorkflowOutput = z.infer<typeof workflowOutputSchema>;
export type WorkflowNote = z.infer<typeof workflowNoteSchema>;
export type WorkflowGroup = z.infer<typeof workflowGroupSchema>;
export type Workflow = z.infer<typeof workflowSchema>;

/** A problem found in a document: `path` like `nodes[2].data.size`. */
export interface Issue {
  path: string;
  code: string;
  message: string;
}
