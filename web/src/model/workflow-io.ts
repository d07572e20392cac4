import type { Issue, Workflow, WorkflowGroup, WorkflowNote } from '@atelier/graph';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION, parseWorkflow } from '@atelier/graph';
import type { DocSnapshot, FlowEdge, FlowNode } from './types';
import { defaultData, definitionOf } from './catalogue';
import { knownType, typedNode } from './node-data';
import { isRecipeType } from './recipe-node';

/** The saved document of the editor state: only what §3 defines, in a stable shape. */
export const toWorkflow = (doc: DocSnapshot): Workflow => ({
  format: WORKFLOW_FORMAT,
  version: WORKFLOW_VERSION,
  name: doc.name,
  ...(doc.description !== undefined && { description: doc.description }),
  nodes: doc.nodes.map((n) => ({
    id: n.id,
    type: n.type ?? 'prompt',
    position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
    data: n.data,
    ...(n.view && { view: n.view }),
  })),
  edges: doc.edges.map((e) => ({
    id: e.id,
    source: e.source,
    sourceHandle: e.sourceHandle ?? '',
    target: e.target,
    targetHandle: e.targetHandle ?? '',
  })),
  inputs: doc.inputs.map((i) => ({ ...i })),
  ...(doc.outputs && doc.outputs.length > 0 && { outputs: doc.outputs.map((o) => ({ ...o })) }),
  ...(doc.notes && doc.notes.length > 0 && { notes: doc.notes.map(roundedNote) }),
  ...(doc.groups && doc.groups.length > 0 && { groups: doc.groups.map(roundedGroup) }),
});

const round = (p: { x: number; y: number }) => ({ x: Math.round(p.x), y: Math.round(p.y) });
const roundSize = (s: { width: number; height: number }) => ({
  width: Math.max(1, Math.round(s.width)),
  height: Math.max(1, Math.round(s.height)),
});
/** Whole pixels, like node positions: a drag by a fraction does not make a diff line. */
const roundedNote = (n: WorkflowNote): WorkflowNote => ({
  ...n,
  position: round(n.position),
  ...(n.size && { size: roundSize(n.size) }),
});
const roundedGroup = (g: WorkflowGroup): WorkflowGroup => ({
  ...g,
  position: round(g.position),
  size: roundSize(g.size),
});

/** Editor state of a parsed workflow; missing fields get their defaults. */
export const fromWorkflow = (workflow: Workflow): DocSnapshot => ({
  name: workflow.name,
  ...(workflow.description !== undefined && { description: workflow.description }),
  nodes: workflow.nodes.map((n): FlowNode =>
    typedNode({
      id: n.id,
      type: knownType(n.type),
      position: { ...n.position },
      data: { ...defaultData(n.type), ...n.data },
      ...(n.view && { view: { ...n.view } }),
    }),
  ),
  edges: workflow.edges.map((e): FlowEdge => ({
    id: e.id,
    source: e.source,
    sourceHandle: e.sourceHandle,
    target: e.target,
    targetHandle: e.targetHandle,
  })),
  inputs: workflow.inputs.map((i) => ({ ...i })),
  ...(workflow.outputs && { outputs: workflow.outputs.map((o) => ({ ...o })) }),
  ...(workflow.notes && { notes: workflow.notes.map((n) => ({ ...n })) }),
  ...(workflow.groups && { groups: workflow.groups.map((g) => ({ ...g })) }),
});

export type ImportResult = { ok: true; workflow: Workflow } | { ok: false; issues: Issue[] };

/** Parses an imported file's text: bad JSON, wrong format and unknown node types name a path. */
export const importWorkflowText = (text: string): ImportResult => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          code: 'invalid_json',
          message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  const parsed = parseWorkflow(json);
  if (!parsed.ok) return parsed;
  const unknownTypes = parsed.workflow.nodes.flatMap((n, i): Issue[] =>
    definitionOf(n.type) || isRecipeType(n.type)
      ? []
      : [
          {
            path: `nodes[${i}].type`,
            code: 'unknown_node_type',
            message: `unknown node type "${n.type}"`,
          },
        ],
  );
  if (unknownTypes.length > 0) return { ok: false, issues: unknownTypes };
  return { ok: true, workflow: parsed.workflow };
};

/** A file name for an exported workflow. */
export const exportFileName = (name: string): string =>
  `${
    name
      .trim()
      .replace(/[^\p{L}\p{N}_-]+/gu, '-')
      .replace(/^-|-$/g, '') || 'workflow'
  }.atelier.json`;
