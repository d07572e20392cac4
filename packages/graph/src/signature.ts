import type { Workflow } from './document';
import { recipeSignature } from './inputs';
import type { PortKind } from './ports';
import type { NodeCatalogue } from './spec';
import type { ValidateOptions } from './validate';

export interface SignatureInput {
  name: string;
  kind: PortKind;
  label?: string;
  /** The value saved in the document; absent for an image or mask not set yet. */
  default?: unknown;
}

export interface SignatureOutput {
  name: string;
  kind: PortKind;
  label?: string;
}

/** A recipe as a typed function (DESIGN.md §13): what it takes and what it gives, by name. */
export interface WorkflowSignature {
  inputs: SignatureInput[];
  outputs: SignatureOutput[];
}

/**
 * The signature of a workflow: its named inputs with their kinds and defaults, its named
 * outputs with the kinds of the ports they name. Entries that point nowhere are left out
 * (validation reports them).
 */
export const workflowSignature = (
  workflow: Workflow,
  catalogue: NodeCatalogue,
  options: ValidateOptions = {},
): WorkflowSignature => ({
  inputs: recipeSignature(workflow, catalogue).map((input) => ({
    name: input.name,
    kind: input.kind,
    ...(input.label !== undefined ? { label: input.label } : {}),
    ...(input.default !== null && input.default !== undefined ? { default: input.default } : {}),
  })),
  outputs: (workflow.outputs ?? []).flatMap((output) => {
    const node = workflow.nodes.find((n) => n.id === output.node);
    const spec = node && catalogue.get(node.type);
    if (!node || !spec) return [];
    const ports = options.portsOf?.(node)?.outputs ?? spec.outputs;
    const port = ports.find((p) => p.name === output.port);
    if (!port) return [];
    return [{ name: output.name, kind: port.kind, label: output.label ?? port.label }];
  }),
});
