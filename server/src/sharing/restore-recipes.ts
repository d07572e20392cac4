import { canonicalJson } from '@atelier/engine';
import type { RecipePin, RecipeSource, StoredRecipe, Workflow } from '@atelier/graph';
import { parseWorkflow, recipeKey, recipePinOf } from '@atelier/graph';
import type { WorkflowRepo } from '../db/workflow-repo';
import type { BundleRecipe } from './bundle';

/** A recipe of an imported bundle, and the library version that now stands for it. */
export interface RestoredRecipe {
  /** The pin as the exporting server knew it. */
  from: RecipePin;
  id: string;
  version: number;
  name: string;
  /** True when the library already held this content (nothing new was stored). */
  reused: boolean;
}

/** A bundled recipe whose document does not parse (→ 422 invalid_bundle naming its file). */
export class BundledRecipeError extends Error {
  override readonly name = 'BundledRecipeError';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** The bundle's recipes parsed (migrated as any stored document), by the exporter's pins. */
export const parseBundledRecipes = (
  recipes: ReadonlyMap<string, BundleRecipe>,
): Map<string, StoredRecipe & RecipePin> => {
  const parsed = new Map<string, StoredRecipe & RecipePin>();
  for (const [key, recipe] of recipes) {
    const result = parseWorkflow(recipe.document);
    if (!result.ok)
      throw new BundledRecipeError(
        `Recipe "${recipe.name}" (${key}) in the bundle is not a workflow document: ${result.issues[0]?.message ?? 'unreadable'}.`,
        `recipes/${key}.atelier.json`,
      );
    parsed.set(key, {
      workflowId: recipe.workflowId,
      version: recipe.version,
      name: recipe.name,
      document: result.workflow,
    });
  }
  return parsed;
};

/**
 * Where an imported document's recipes come from while it is checked: the bundle's own first
 * (what the exporter meant), then this library (a plain document exported from this server,
 * or a bundle written before bundles carried recipes).
 */
export const bundleSource = (
  bundled: ReadonlyMap<string, StoredRecipe>,
  library: RecipeSource,
): RecipeSource => ({ get: (pin) => bundled.get(recipeKey(pin)) ?? library.get(pin) });

/** The document with each recipe node pinned to where its recipe now lives. */
export const repin = (document: Workflow, pins: ReadonlyMap<string, RecipePin>): Workflow => {
  let changed = false;
  const nodes = document.nodes.map((node) => {
    const pin = recipePinOf(node);
    const to = pin && pins.get(recipeKey(pin));
    if (!to || (to.workflowId === pin.workflowId && to.version === pin.version)) return node;
    changed = true;
    return { ...node, data: { ...node.data, workflowId: to.workflowId, version: to.version } };
  });
  return changed ? { ...document, nodes } : document;
};

const sameContent = (a: Workflow, b: Workflow) => canonicalJson(a) === canonicalJson(b);

/**
 * A library version (of an undeleted workflow) whose document is `content`: the exporter's own
 * pin first (an import on the server it came from), then any version with that name.
 * `latest`: only a workflow's latest version counts (what opening it shows).
 */
export const findSameVersion = (
  content: Workflow,
  workflows: Pick<WorkflowRepo, 'get' | 'getVersion' | 'versionsNamed'>,
  hint?: RecipePin,
  latest = false,
): RecipePin | undefined => {
  const isLatest = (id: string, version: number) =>
    !latest || workflows.get(id)?.version === version;
  const same = hint && workflows.getVersion(hint.workflowId, hint.version);
  if (same && sameContent(same.document, content) && isLatest(same.id, same.version))
    return { workflowId: same.id, version: same.version };
  const found = workflows
    .versionsNamed(content.name)
    .find(
      (candidate) =>
        sameContent(candidate.document, content) && isLatest(candidate.id, candidate.version),
    );
  return found && { workflowId: found.id, version: found.version };
};

/**
 * Stores the bundled recipes `document` uses (transitively) into the library, deduplicated:
 * a recipe whose content (after its own recipe nodes are re-pinned) equals a library version
 * reuses that version; otherwise the versions of one exported workflow become the versions of
 * one new library workflow, in their order. Recipes found in the library rather than the
 * bundle stay as pinned. Dependencies are stored before their users. Returns the pins to
 * re-point the document at (exporter's key → library pin) and what was done.
 */
export const restoreRecipes = (
  document: Workflow,
  bundled: ReadonlyMap<string, StoredRecipe & RecipePin>,
  workflows: Pick<WorkflowRepo, 'create' | 'update' | 'get' | 'getVersion' | 'versionsNamed'>,
): { pins: Map<string, RecipePin>; restored: RestoredRecipe[] } => {
  // Every bundled recipe reachable from the document, with the bundled recipes it uses.
  const needs = new Map<string, string[]>();
  const reach = (doc: Workflow) => {
    for (const node of doc.nodes) {
      const pin = recipePinOf(node);
      if (!pin) continue;
      const key = recipeKey(pin);
      const recipe = bundled.get(key);
      if (!recipe || needs.has(key)) continue;
      const uses = recipe.document.nodes.flatMap((inner) => {
        const innerPin = recipePinOf(inner);
        return innerPin && bundled.has(recipeKey(innerPin)) ? [recipeKey(innerPin)] : [];
      });
      needs.set(key, uses);
      reach(recipe.document);
    }
  };
  reach(document);

  const pins = new Map<string, RecipePin>();
  const restored: RestoredRecipe[] = [];
  /** Exported workflow id → the library workflow made for it by this import. */
  const made = new Map<string, string>();
  // The bundle's order (users after what they use), a workflow's versions together, ascending.
  const rank = new Map<string, number>();
  for (const recipe of bundled.values())
    if (!rank.has(recipe.workflowId)) rank.set(recipe.workflowId, rank.size);
  const order = [...needs.keys()].sort((a, b) => {
    const [x, y] = [bundled.get(a)!, bundled.get(b)!];
    return rank.get(x.workflowId)! - rank.get(y.workflowId)! || x.version - y.version;
  });
  // Leaves first: validated documents have no cycles, so each pass stores at least one.
  while (pins.size < order.length) {
    const key = order.find((k) => !pins.has(k) && needs.get(k)!.every((dep) => pins.has(dep)));
    if (!key) throw new Error('restoreRecipes: the bundled recipes use each other in a cycle');
    const recipe = bundled.get(key)!;
    const content = repin(recipe.document, pins);
    const existing = findSameVersion(content, workflows, recipe);
    let pin: RecipePin;
    if (existing) pin = existing;
    else {
      const into = made.get(recipe.workflowId);
      const saved = into
        ? workflows.update(into, content)
        : { kind: 'saved' as const, ...workflows.create(content) };
      if (saved?.kind !== 'saved')
        throw new Error(`restoreRecipes: could not add a version to ${into}`);
      made.set(recipe.workflowId, saved.id);
      pin = { workflowId: saved.id, version: saved.version };
    }
    pins.set(key, pin);
    restored.push({
      from: { workflowId: recipe.workflowId, version: recipe.version },
      id: pin.workflowId,
      version: pin.version,
      name: content.name || recipe.name,
      reused: existing !== undefined,
    });
  }
  return { pins, restored };
};
