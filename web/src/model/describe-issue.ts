import type { Issue, WorkflowInput } from '@atelier/graph';
import { definitionOf } from './catalogue';
import type { FlowNode } from './types';

/**
 * How a person knows a node: the title they gave it, else its type's title and its id.
 * `typeTitle` overrides the catalogue's (a recipe node is known by its recipe's name:
 * `recipeNodeLabel` in store/recipes-store.ts passes it).
 */
export const nodeLabel = (
  node: Pick<FlowNode, 'id' | 'type' | 'view'>,
  typeTitle?: string,
): string => {
  const own = node.view?.title;
  if (typeof own === 'string' && own.trim()) return own.trim();
  return `${typeTitle ?? definitionOf(node.type)?.title ?? node.type ?? 'Node'} “${node.id}”`;
};

/** An issue as a person reads it: which node (to show it), and what to do, without JSON paths. */
export interface ShownIssue {
  nodeId?: string;
  /** The node's label, or the recipe input's name, or undefined for the whole document. */
  where?: string;
  text: string;
}

const NODE_PATH = /^(?:workflow\.)?nodes\[(\d+)\](?:\.data\.([A-Za-z0-9_]+))?/;
const INPUT_PATH = /^inputs\.([A-Za-z0-9_-]+)|^inputs\[(\d+)\]/;

/** What to do about the codes a person meets most, in the editor's words. */
const ADVICE: Record<string, (field: string) => string> = {
  missing_image: () => 'has no image: upload one, drop one onto it, or paste one (Ctrl+V).',
  missing_mask: () => 'has no mask: click “Paint mask”, or upload a PNG with transparency.',
  unknown_blob: (field) =>
    `${field}: this server no longer has that image (it came from another Atelier?). Upload it again.`,
  missing_input: () => 'needs a connection: drag a wire into its input marked *.',
  dangling_edge: () => 'has a wire to a node that is not on the canvas: delete the wire.',
  cycle: () => 'is part of a loop: remove one of the wires that lead back to it.',
};

/** The message without its leading `path: ` (the dialog says where instead). */
const withoutPath = (issue: Issue) =>
  issue.path && issue.message.startsWith(`${issue.path}: `)
    ? issue.message.slice(issue.path.length + 2)
    : issue.message.replace(/^[\w.[\]]+: /, '');

/** The input of `nodes[i].inputs.<port>` when a person may type it on the card instead. */
const inlinePort = (node: FlowNode, path: string) => {
  const port = /\.inputs\.([A-Za-z0-9_]+)$/.exec(path)?.[1];
  const spec = definitionOf(node.type)?.inputs.find((p) => p.name === port);
  return spec?.inline ? spec : undefined;
};

/** Words of the HTTP API a person should not have to read. */
const plain = (text: string) =>
  text
    .replace(
      /send one in the run request: .*$/,
      'give one in the run form or upload it on the node.',
    )
    .replace(/\s*\(?POST \/api\/blobs\)?/g, '')
    .replace(/\bblob\b/g, 'image');

export const describeIssue = (
  issue: Issue,
  nodes: readonly FlowNode[],
  inputs: readonly WorkflowInput[] = [],
): ShownIssue => {
  const nodeMatch = NODE_PATH.exec(issue.path);
  const node = nodeMatch ? nodes[Number(nodeMatch[1])] : undefined;
  // A message already written for a person (it names its node itself) is shown as it is.
  const forPeople = !/^(?:workflow\.)?(?:nodes|inputs|edges)[[.]/.test(issue.message);
  if (node && forPeople) return { nodeId: node.id, text: issue.message };
  if (node) {
    const field = definitionOf(node.type)?.fields.find((f) => f.name === nodeMatch![2]);
    const advice = ADVICE[issue.code];
    const typed = issue.code === 'missing_input' ? inlinePort(node, issue.path) : undefined;
    const text = typed
      ? `needs ${/^[aeiou]/i.test(typed.label) ? 'an' : 'a'} ${typed.label.toLowerCase()}: type it on the card, or drag a wire into its ${typed.label} input.`
      : advice
        ? advice(field?.label ?? 'The image')
        : `${field ? `${field.label}: ` : ''}${plain(withoutPath(issue))}`;
    return { nodeId: node.id, where: nodeLabel(node), text };
  }
  const inputMatch = INPUT_PATH.exec(issue.path);
  if (inputMatch) {
    const input = inputMatch[1]
      ? inputs.find((i) => i.name === inputMatch[1])
      : inputs[Number(inputMatch[2])];
    const target = input && nodes.find((n) => n.id === input.node);
    return {
      nodeId: target?.id,
      where: input ? `Recipe input “${input.name}”` : undefined,
      text: plain(withoutPath(issue)),
    };
  }
  return { text: plain(withoutPath(issue)) };
};
