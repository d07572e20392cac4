import type { Issue, Workflow } from './document';
import type { Result } from './issues';
import { errorMap } from './issues';
import { resolveNamedInput } from './named-inputs';
import type { ImageValue, MaskValue, PortKind } from './ports';
import type { NodeCatalogue } from './spec';
import { fieldInputKind } from './spec';
import { imageValueSchema, maskValueSchema } from './values';

export type InputValue = string | ImageValue | MaskValue;

/** One named input of a recipe: what a rerun may set (DESIGN.md §3 `inputs`). */
export interface RecipeInput {
  name: string;
  label?: string;
  kind: PortKind;
  node: string;
  field: string;
  /** The value saved in the document (null for an image or mask not set yet). */
  default: unknown;
}

/** The recipe's named inputs, in document order; inputs that point nowhere are left out. */
export const recipeSignature = (workflow: Workflow, catalogue: NodeCatalogue): RecipeInput[] =>
  workflow.inputs.flatMap((input) => {
    const resolved = resolveNamedInput(workflow, (type) => catalogue.get(type), input);
    if (!resolved.ok) return [];
    const kind = fieldInputKind(resolved.field)!;
    const saved = workflow.nodes[resolved.nodeIndex]!.data[input.field];
    return [
      {
        name: input.name,
        label: input.label ?? resolved.field.label,
        kind,
        node: input.node,
        field: input.field,
        default: saved === undefined ? resolved.field.default : saved,
      },
    ];
  });

/** What a value of each kind must look like, said to the person who sent another. */
export const KIND_MESSAGE: Record<PortKind, string> = {
  text: 'expected text (a string)',
  image: 'expected an image {blob, mime, width, height} (upload it first)',
  mask: 'expected a PNG mask {blob, mime: "image/png", width, height}',
  sources: 'expected a list of sources',
};

/** Whether a value given for a named input has that input's kind. */
export const isValueOfKind = (kind: PortKind, value: unknown): boolean => {
  switch (kind) {
    case 'text':
      return typeof value === 'string';
    case 'image':
      return imageValueSchema.safeParse(value).success;
    case 'mask':
      return maskValueSchema.safeParse(value).success;
    case 'sources':
      return false;
  }
};

/**
 * Sets named inputs on their nodes' fields. Pure: returns a new workflow. Unknown names,
 * values of the wrong kind and values the field rejects are issues at `inputs.<name>`.
 */
export const applyInputs = (
  workflow: Workflow,
  catalogue: NodeCatalogue,
  values: Record<string, InputValue>,
): Result<'workflow', Workflow> => {
  const issues: Issue[] = [];
  const nodes = workflow.nodes.map((node) => ({ ...node, data: { ...node.data } }));
  for (const [name, value] of Object.entries(values)) {
    const at = `inputs.${name}`;
    const input = workflow.inputs.find((i) => i.name === name);
    if (!input) {
      const known = workflow.inputs.map((i) => `"${i.name}"`).join(', ') || 'none';
      issues.push({
        path: at,
        code: 'unknown_input',
        message: `${at}: this workflow has no input named "${name}"; its inputs: ${known}`,
      });
      continue;
    }
    const resolved = resolveNamedInput(workflow, (type) => catalogue.get(type), input);
    if (!resolved.ok) {
      issues.push({ path: at, code: resolved.code, message: `${at}: ${resolved.message}` });
      continue;
    }
    const kind = fieldInputKind(resolved.field)!;
    if (!isValueOfKind(kind, value)) {
      issues.push({
        path: at,
        code: 'input_kind_mismatch',
        message: `${at}: ${KIND_MESSAGE[kind]}`,
      });
      continue;
    }
    const node = nodes[resolved.nodeIndex]!;
    const candidate = { ...node.data, [input.field]: value };
    // Let the field's own schema judge the value (length limits and the like).
    const parsed = resolved.spec.data.safeParse(candidate, { error: errorMap });
    const own = parsed.success
      ? []
      : parsed.error.issues.filter((issue) => issue.path[0] === input.field);
    if (own.length > 0) {
      issues.push(
        ...own.map((issue) => ({
          path: at,
          code: 'invalid_field',
          message: `${at}: ${issue.message}`,
        })),
      );
      continue;
    }
    node.data = candidate;
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, workflow: { ...workflow, nodes } };
};
