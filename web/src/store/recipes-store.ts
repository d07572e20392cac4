import type { Workflow, WorkflowSignature } from '@atelier/graph';
import { create } from 'zustand';
import { api } from '../api/api';
import type { PortsOf } from '../model/connections';
import { typePorts } from '../model/connections';
import { nodeLabel } from '../model/describe-issue';
import type { FlowNode } from '../model/types';
import type { RecipeRef } from '../model/recipe-node';
import { isRecipeType, recipeKey, recipePorts, recipeRefOf } from '../model/recipe-node';

/** One pinned recipe version as the editor knows it: its signature and its document. */
export type RecipeEntry =
  | { status: 'loading' }
  | { status: 'ready'; signature: WorkflowSignature; document: Workflow }
  | { status: 'failed'; error: string };

/** A library workflow that can be used as a node: it has named outputs. */
export interface LibraryRecipe {
  id: string;
  name: string;
  version: number;
  signature: WorkflowSignature;
}

/**
 * Session state of recipes (never saved): the signatures and documents of the versions recipe
 * nodes pin, the library's latest version of each workflow ("update available"), the library's
 * recipes for the palette, and which recipe dialog is open.
 */
export interface RecipesState {
  entries: Record<string, RecipeEntry>;
  /** Latest version and name of each library workflow, from the last library listing. */
  latest: Record<string, { version: number; name: string }>;
  library: LibraryRecipe[];
  libraryStatus: 'idle' | 'loading' | 'ready' | 'failed';
  /** The recipe node shown drilled in: its id path on the canvas (`r1`, or `r1/r2` nested). */
  drill?: { path: string; ref: RecipeRef; title: string };
  /** The recipe node whose upgrade dialog is open. */
  upgrade?: string;
  ensure(ref: RecipeRef): Promise<RecipeEntry>;
  refreshLibrary(): Promise<void>;
  set(patch: Partial<Pick<RecipesState, 'drill' | 'upgrade'>>): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Signatures fetched at once while listing the library (a small pool, not one per workflow). */
const LIST_CONCURRENCY = 4;

export const createRecipesStore = () =>
  create<RecipesState>()((set, get) => {
    const inFlight = new Map<string, Promise<RecipeEntry>>();
    return {
      entries: {},
      latest: {},
      library: [],
      libraryStatus: 'idle',

      ensure(ref) {
        const key = recipeKey(ref);
        const known = get().entries[key];
        if (known && known.status !== 'loading') return Promise.resolve(known);
        const pending = inFlight.get(key);
        if (pending) return pending;
        set((s) => ({ entries: { ...s.entries, [key]: { status: 'loading' } } }));
        const load = (async (): Promise<RecipeEntry> => {
          try {
            const [signature, record] = await Promise.all([
              api.getSignature(ref.workflowId, ref.version),
              api.getWorkflowVersion(ref.workflowId, ref.version),
            ]);
            return { status: 'ready', signature, document: record.document };
          } catch (error) {
            return { status: 'failed', error: message(error) };
          }
        })().then((entry) => {
          inFlight.delete(key);
          set((s) => ({ entries: { ...s.entries, [key]: entry } }));
          return entry;
        });
        inFlight.set(key, load);
        return load;
      },

      async refreshLibrary() {
        set({ libraryStatus: 'loading' });
        try {
          const workflows = await api.listWorkflows();
          set({
            latest: Object.fromEntries(
              workflows.map((w) => [w.id, { version: w.version, name: w.name }]),
            ),
          });
          const signatures: (WorkflowSignature | undefined)[] = [];
          let next = 0;
          const worker = async () => {
            while (next < workflows.length) {
              const i = next++;
              const w = workflows[i]!;
              signatures[i] = await api.getSignature(w.id, w.version).catch(() => undefined);
            }
          };
          await Promise.all(Array.from({ length: LIST_CONCURRENCY }, worker));
          const library = workflows.flatMap((w, i): LibraryRecipe[] => {
            const signature = signatures[i];
            return signature && signature.outputs.length > 0
              ? [{ id: w.id, name: w.name, version: w.version, signature }]
              : [];
          });
          set({ library, libraryStatus: 'ready' });
        } catch {
          set({ libraryStatus: 'failed' });
        }
      },

      set(patch) {
        set(patch);
      },
    };
  });

export const useRecipes = createRecipesStore();

/** The signature a recipe node pins, once loaded. */
export const signatureOf = (ref: RecipeRef | undefined): WorkflowSignature | undefined => {
  if (!ref) return undefined;
  const entry = useRecipes.getState().entries[recipeKey(ref)];
  return entry?.status === 'ready' ? entry.signature : undefined;
};

/**
 * Every node's ports: a recipe node's are its pinned recipe's signature (none until loaded),
 * any other node's those of its type.
 */
export const portsOfNode: PortsOf = (node) => {
  if (!isRecipeType(node.type)) return typePorts(node);
  const signature = signatureOf(recipeRefOf(node));
  return signature ? recipePorts(signature) : undefined;
};

/** The name of the recipe a recipe node pins (its pinned version's), once loaded. */
export const recipeNameOf = (node: { type?: string; data: Record<string, unknown> }) => {
  const ref = recipeRefOf(node);
  const entry = ref && useRecipes.getState().entries[recipeKey(ref)];
  return entry?.status === 'ready' ? entry.document.name : undefined;
};

/** `nodeLabel` that knows a recipe node by its recipe's name ("Product shot “recipe_1”"). */
export const labelOfNode = (node: Pick<FlowNode, 'id' | 'type' | 'view' | 'data'>): string =>
  nodeLabel(node, recipeNameOf(node));
