import type { Issue, Workflow, WorkflowNode } from './document';
import type { Result } from './issues';
import type { RecipePin } from './recipe-node';
import { isRecipeNode, recipeKey, recipePinOf } from './recipe-node';
import { checkRecipeNodes } from './recipe-inputs';
import type { WorkflowSignature } from './signature';
import { workflowSignature } from './signature';
import type { NodeCatalogue } from './spec';
import type { NodePorts } from './validate';
import { validateWorkflow } from './validate';

/** Recipes may use recipes, this many levels deep at most (the run's plan stays small enough to reason about). */
export const MAX_RECIPE_DEPTH = 16;

/** One saved version of a library workflow, as a RecipeSource gives it. */
export interface StoredRecipe {
  name: string;
  document: Workflow;
}

/**
 * Where pinned recipes come from (the server implements it over its workflow library).
 * Synchronous: the library is a local SQLite file; a remote store would resolve a document's
 * recipes up front and answer from memory.
 */
export interface RecipeSource {
  /** One version of a workflow, or undefined when there is none. */
  get(pin: RecipePin): StoredRecipe | undefined;
}

/** A pinned recipe resolved, validated (data defaults filled) and typed. */
export interface ResolvedRecipe extends RecipePin {
  name: string;
  document: Workflow;
  signature: WorkflowSignature;
  /** The ports a recipe node pinned to it has: its inputs (optional: each has a value or a default) and outputs. */
  ports: NodePorts;
}

/** Every recipe a document uses, directly or not, by `recipeKey`. */
export interface RecipeBook {
  recipes: ReadonlyMap<string, ResolvedRecipe>;
  /** validateWorkflow's hook: a recipe node's ports are its recipe's signature. */
  portsOf(node: WorkflowNode): NodePorts | undefined;
}

const NO_PORTS: NodePorts = { inputs: [], outputs: [] };

const bookOf = (recipes: ReadonlyMap<string, ResolvedRecipe>): RecipeBook => ({
  recipes,
  portsOf: (node) => {
    if (!isRecipeNode(node)) return undefined;
    const pin = recipePinOf(node);
    return (pin && recipes.get(recipeKey(pin))?.ports) ?? NO_PORTS;
  },
});

/** A book with no recipes: recipe nodes have no ports. */
export const EMPTY_RECIPE_BOOK: RecipeBook = bookOf(new Map());

/** The ports of a recipe node pinned to a recipe with this signature. */
export const recipePorts = (signature: WorkflowSignature): NodePorts => ({
  inputs: signature.inputs.map((input) => ({
    name: input.name,
    kind: input.kind,
    label: input.label ?? input.name,
    optional: true,
  })),
  outputs: signature.outputs.map((output) => ({
    name: output.name,
    kind: output.kind,
    label: output.label ?? output.name,
  })),
});

interface Link {
  workflowId: string;
  name: string;
}
/** `depth`: how many recipes deep it was found (0 = a recipe node of the document itself). */
type Problem = { code: string; message: string; depth?: number };

const named = (link: Link) => `"${link.name}" (${link.workflowId})`;

/**
 * Loads every recipe the document uses, recursively, and checks each: it exists at its pinned
 * version, it is valid, and no recipe contains itself, directly or through others (a chain
 * that meets a workflow id twice, whatever the versions). `self` is the document's own library
 * entry when it has one: a workflow may not use itself either. Problems are reported at the
 * document's recipe node that leads to them, naming the chain.
 */
export const resolveRecipes = (
  workflow: Workflow,
  source: RecipeSource,
  catalogue: NodeCatalogue,
  options: { self?: Link } = {},
): Result<'book', RecipeBook> => {
  const recipes = new Map<string, ResolvedRecipe>();
  const book = bookOf(recipes);
  /** Workflow ids inside a resolved recipe (itself included): no chain without them can loop. */
  const reach = new Map<string, Set<string>>();
  /** Recipes that are missing or invalid whatever the chain. */
  const broken = new Map<string, Problem>();

  const visit = (pin: RecipePin, chain: Link[]): Problem | undefined => {
    const key = recipeKey(pin);
    const again = chain.findIndex((link) => link.workflowId === pin.workflowId);
    if (again >= 0) {
      const loop = [...chain.slice(again), chain[again]!].map(named).join(' → ');
      return {
        code: 'recipe_cycle',
        message: `recipe ${named(chain[again]!)} would contain itself: ${loop}; a recipe cannot use itself, directly or through others`,
      };
    }
    const known = reach.get(key);
    if (known && !chain.some((link) => known.has(link.workflowId))) return undefined;
    const failed = broken.get(key);
    if (failed) return { ...failed, depth: chain.length };
    if (chain.length > MAX_RECIPE_DEPTH)
      return {
        code: 'recipe_too_deep',
        message: `recipes are nested more than ${MAX_RECIPE_DEPTH} levels deep: ${chain.map(named).join(' → ')}`,
      };
    const stored = source.get(pin);
    if (!stored) {
      const problem = {
        code: 'unknown_recipe',
        message: `no workflow "${pin.workflowId}" with a version ${pin.version} in the library${
          chain.length > 0 ? ` (used by ${named(chain[chain.length - 1]!)})` : ''
        }`,
      };
      broken.set(key, problem);
      return { ...problem, depth: chain.length };
    }
    const here: Link = { workflowId: pin.workflowId, name: stored.name };
    const ids = new Set([pin.workflowId]);
    for (const node of stored.document.nodes) {
      const inner = recipePinOf(node);
      if (!inner) continue;
      const problem = visit(inner, [...chain, here]);
      if (problem) return problem;
      for (const id of reach.get(recipeKey(inner)) ?? []) ids.add(id);
    }
    if (!recipes.has(key)) {
      const valid = validateWorkflow(stored.document, catalogue, { portsOf: book.portsOf });
      const issues = valid.ok ? checkRecipeNodes(valid.workflow, book, catalogue) : valid.issues;
      if (!valid.ok || issues.length > 0) {
        const first = issues[0]!;
        const problem = {
          code: 'invalid_recipe',
          message: `recipe ${named(here)} version ${pin.version} is not valid: ${first.message}`,
        };
        broken.set(key, problem);
        return problem;
      }
      const signature = workflowSignature(valid.workflow, catalogue, { portsOf: book.portsOf });
      recipes.set(key, {
        ...pin,
        name: stored.name,
        document: valid.workflow,
        signature,
        ports: recipePorts(signature),
      });
    }
    reach.set(key, ids);
    return undefined;
  };

  const issues: Issue[] = [];
  const root = options.self ? [options.self] : [];
  workflow.nodes.forEach((node, i) => {
    const pin = recipePinOf(node);
    if (!pin) return;
    const problem = visit(pin, root);
    if (!problem) return;
    const path =
      problem.code === 'unknown_recipe' && problem.depth === root.length
        ? `nodes[${i}].data.version`
        : `nodes[${i}]`;
    issues.push({ path, code: problem.code, message: `${path}: ${problem.message}` });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, book };
};
