import type { FieldSpec, PortSpec, WorkflowSignature } from '@atelier/graph';
import { RECIPE_NODE_TYPE } from '@atelier/graph';

/**
 * A recipe used as a node (DESIGN.md §13): a node of this type runs one pinned version of a
 * library workflow. Its ports are that version's signature, so unlike every other type they
 * come from the library, not from the node catalogue.
 */
export const RECIPE_TYPE = RECIPE_NODE_TYPE;

/** The pin a recipe node holds: which library workflow, at which version. */
export interface RecipeRef {
  workflowId: string;
  version: number;
}

export interface RecipePorts {
  inputs: PortSpec[];
  outputs: PortSpec[];
}

/** Recipe input values live in `data.inputs`; a field path `inputs.<name>` edits one of them. */
export const RECIPE_FIELD_PREFIX = 'inputs.';

export const isRecipeType = (type: string | undefined): boolean => type === RECIPE_TYPE;

/** The pin of a recipe node, or undefined for any other node (or a recipe node missing one). */
export const recipeRefOf = (node: {
  type?: string;
  data: Record<string, unknown>;
}): RecipeRef | undefined => {
  if (!isRecipeType(node.type)) return undefined;
  const { workflowId, version } = node.data;
  return typeof workflowId === 'string' && typeof version === 'number'
    ? { workflowId, version }
    : undefined;
};

/** How a pinned recipe is keyed, here as in the graph package's RecipeBook. */
export { recipeKey } from '@atelier/graph';

/** The values a recipe node gives its recipe's inputs, by input name. */
export const recipeInputValues = (data: Record<string, unknown>): Record<string, unknown> => {
  const inputs = data.inputs;
  return inputs && typeof inputs === 'object' && !Array.isArray(inputs)
    ? (inputs as Record<string, unknown>)
    : {};
};

/** Recipe inputs of these kinds are fields of the node as well as ports. */
const hasField = (kind: string) => kind === 'text' || kind === 'image' || kind === 'mask';

/**
 * A recipe's signature as a node's ports: each input is a port (optional: its field holds a
 * value when nothing is wired) and each output a port.
 */
export const recipePorts = (signature: WorkflowSignature): RecipePorts => ({
  inputs: signature.inputs.map((i) => ({
    name: i.name,
    kind: i.kind,
    // The name the recipe's author chose says more than the field's label ("subject", not "Text").
    label: i.name,
    optional: true,
    // Its field (recipeFields) stands in for the port: a wire wins over the typed value.
    ...(hasField(i.kind) ? { inline: `${RECIPE_FIELD_PREFIX}${i.name}` } : {}),
  })),
  outputs: signature.outputs.map((o) => ({ name: o.name, kind: o.kind, label: o.name })),
});

/** The recipe's inputs as fields of the node (`inputs.<name>`); a `sources` input has no field. */
export const recipeFields = (signature: WorkflowSignature): FieldSpec[] =>
  signature.inputs.flatMap((i): FieldSpec[] => {
    const base = { name: `${RECIPE_FIELD_PREFIX}${i.name}`, label: i.name };
    switch (i.kind) {
      case 'text':
        return [
          {
            ...base,
            kind: 'text',
            default: typeof i.default === 'string' ? i.default : '',
            multiline: true,
          },
        ];
      case 'image':
        return [{ ...base, kind: 'image', default: null }];
      case 'mask':
        return [{ ...base, kind: 'mask', default: null }];
      default:
        return [];
    }
  });

/** The data of a new recipe node: the pin and each input's default from the recipe. */
export const newRecipeData = (
  ref: RecipeRef,
  signature: WorkflowSignature,
): Record<string, unknown> => ({
  workflowId: ref.workflowId,
  version: ref.version,
  inputs: Object.fromEntries(
    signature.inputs.flatMap((i) => (i.default === undefined ? [] : [[i.name, i.default]])),
  ),
});

/** The value a field path names in a node's data (`inputs.subject` reads data.inputs.subject). */
export const fieldValue = (data: Record<string, unknown>, field: string): unknown =>
  field.startsWith(RECIPE_FIELD_PREFIX)
    ? recipeInputValues(data)[field.slice(RECIPE_FIELD_PREFIX.length)]
    : data[field];

/** Data with one field path set (a recipe input inside `inputs`, or a plain field). */
export const withField = (
  data: Record<string, unknown>,
  field: string,
  value: unknown,
): Record<string, unknown> =>
  field.startsWith(RECIPE_FIELD_PREFIX)
    ? {
        ...data,
        inputs: {
          ...recipeInputValues(data),
          [field.slice(RECIPE_FIELD_PREFIX.length)]: value,
        },
      }
    : { ...data, [field]: value };
