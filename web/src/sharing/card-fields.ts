import type { FieldSpec, Workflow } from '@atelier/graph';
import { RECIPE_NODE_TYPE } from '@atelier/graph';
import { definitionOf } from '../model/catalogue';
import { recipeInputValues } from '../model/recipe-node';

type DocNode = Workflow['nodes'][number];

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** A plain value as a card shows it; images and other objects are shown elsewhere (or not). */
const plain = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value === '' ? undefined : clip(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.length === 0 ? undefined : clip(value.join(', '));
  return undefined;
};

/** Nodes with more fields than this fold their settings away in the editor (NodeCard's FEW_FIELDS). */
const FEW_FIELDS = 4;
/** Fields the editor keeps in view on a long card; the rest it folds into "Settings". */
const isPrimary = (f: FieldSpec) => !!f.exposable || (f.kind === 'text' && !!f.multiline);

const worded = (f: FieldSpec, value: unknown): string | undefined =>
  f.kind === 'select' && typeof value === 'string'
    ? (f.options.find((o) => o.value === value)?.label ?? value)
    : plain(value);

/**
 * What a read-only card lists of a node's settings, as the editor shows them: each field by its
 * label ("Compression", not `output_compression`), only fields the node type has (a value the
 * type no longer takes, like an old `input_fidelity`, is not shown), and on a long card only the
 * fields the editor keeps in view plus settings changed from their defaults. The main text and
 * images are shown apart. A recipe node lists its inputs by their names.
 */
export const cardFields = (node: DocNode): [string, string][] => {
  if (node.type === RECIPE_NODE_TYPE)
    return Object.entries(recipeInputValues(node.data)).flatMap(([name, value]) => {
      const s = plain(value);
      return s === undefined ? [] : [[name, s] as [string, string]];
    });
  const def = definitionOf(node.type);
  if (!def) return [];
  const few = def.fields.length <= FEW_FIELDS;
  return def.fields.flatMap((f): [string, string][] => {
    if (f.name === 'text' || f.kind === 'image' || f.kind === 'mask') return [];
    const value = node.data[f.name];
    if (value === undefined) return [];
    const changed = JSON.stringify(value) !== JSON.stringify(f.default);
    if (!few && !isPrimary(f) && !changed) return [];
    const s = worded(f, value);
    return s === undefined ? [] : [[f.label, s]];
  });
};

const blobOf = (value: unknown): string | undefined => {
  const blob = (value as { blob?: unknown } | null | undefined)?.blob;
  return typeof blob === 'string' ? blob : undefined;
};

/**
 * The image a mask node paints over in a shared recipe: what feeds its image input — a
 * reference's own upload, else that node's output in the shown run.
 */
export const maskBaseBlob = (
  document: Workflow,
  maskNodeId: string,
  outputsOf: (nodeId: string) => Record<string, unknown> | undefined,
): string | undefined => {
  const edge = document.edges.find((e) => e.target === maskNodeId && e.targetHandle === 'image');
  if (!edge) return undefined;
  const source = document.nodes.find((n) => n.id === edge.source);
  if (!source) return undefined;
  const own = Object.values(source.data)
    .map(blobOf)
    .find((b) => b !== undefined);
  return (
    (source.type === 'reference' ? own : undefined) ??
    blobOf(outputsOf(source.id)?.[edge.sourceHandle])
  );
};
