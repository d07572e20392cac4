import type { Issue, RecipeSource, Workflow } from '@atelier/graph';
import { isBlobId, parseWorkflow, validateWithRecipes } from '@atelier/graph';
import type { NodeRegistry } from '@atelier/nodes';
import type { BlobStore } from '../blobs/blob-store';
import { ImageCheckError } from '../blobs/check-image';
import type { Db } from '../db/create-db';
import type { WorkflowRepo } from '../db/workflow-repo';
import { libraryRecipes } from '../recipes/library-recipes';
import type { BlobRef } from './blob-refs';
import { blobRefs } from './blob-refs';
import type { ReadBundle } from './bundle';
import { BundleError, isZip, readBundle } from './bundle';
import { ranDocument, recordImportedRun } from './imported-run';
import type { RestoredRecipe } from './restore-recipes';
import {
  BundledRecipeError,
  bundleSource,
  findSameVersion,
  parseBundledRecipes,
  repin,
  restoreRecipes,
} from './restore-recipes';

export interface MissingImage extends BlobRef {
  /** Why it could not be restored, in words. */
  reason: string;
}

/** The answer of POST /api/workflows/import: never "ok" for what could not be restored. */
export interface ImportReport {
  id: string;
  version: number;
  name: string;
  /** `bundle` (images travelled with it) or `document` (a plain .atelier.json: they did not). */
  kind: 'bundle' | 'document';
  /**
   * True when the library held this very document already (latest version of `id`): nothing
   * was stored for it (and a bundled run is not recorded twice). Answered with 200, not 201.
   */
  reused: boolean;
  /** True only when every image and mask the document names is on this server now. */
  complete: boolean;
  restored: BlobRef[];
  missing: MissingImage[];
  /**
   * The recipes the document uses (transitively) that came with the bundle, each with the
   * library version it now pins: reused when the library had the same content already.
   */
  recipes: RestoredRecipe[];
  /** The bundled run's outputs, recorded here as a run of the new workflow. */
  outputs?: { run: string; images: number };
  message: string;
}

/** A body that is neither a bundle nor a workflow document (→ 400/422 with `path`). */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly status: 400 | 422,
    readonly code: string,
    message: string,
    readonly path = '',
    readonly issues?: Issue[],
  ) {
    super(message);
  }
}

export interface ImportDeps {
  db: Db;
  blobs: BlobStore;
  workflows: WorkflowRepo;
  registry: NodeRegistry;
}

const PLAIN_REASON =
  'a plain .atelier.json carries no images: export the bundle (.atelier.zip) to bring them, or set this image again';

const NO_RECIPE_HINT =
  ' The file does not carry that recipe: export the bundle (.atelier.zip), which carries every recipe the workflow uses.';

const checked = (json: unknown, registry: NodeRegistry, recipes: RecipeSource): Workflow => {
  const parsed = parseWorkflow(json);
  const valid = parsed.ok ? validateWithRecipes(parsed.workflow, registry, recipes) : parsed;
  if (!valid.ok || !parsed.ok) {
    const issues = valid.ok ? [] : valid.issues;
    const first = issues[0];
    throw new ImportError(
      422,
      'invalid_workflow',
      first
        ? `The workflow in the file is not valid: ${first.message}${first.code === 'unknown_recipe' ? NO_RECIPE_HINT : ''}`
        : 'The workflow is not valid.',
      first?.path ?? '',
      issues,
    );
  }
  return parsed.workflow;
};

const parseJson = (bytes: Uint8Array): unknown => {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ImportError(
      400,
      'invalid_import',
      'Send an Atelier bundle (.atelier.zip, from GET /api/workflows/:id/export) or a workflow document (.atelier.json) as the body.',
    );
  }
};

/** Stores the bundle's images (decoded in full first); those that fail join `broken`. */
const storeImages = async (bundle: ReadBundle, blobs: BlobStore): Promise<void> => {
  for (const [sha, image] of bundle.images) {
    try {
      await blobs.putUpload(image.bytes);
    } catch (error) {
      if (!(error instanceof ImageCheckError)) throw error;
      bundle.images.delete(sha);
      bundle.broken.set(sha, `the image in the bundle cannot be used: ${error.message}`);
    }
  }
};

const sentence = (report: Omit<ImportReport, 'message'>): string => {
  const reused = report.recipes.filter((r) => r.reused).length;
  const added = report.recipes.length - reused;
  const count = (n: number) => `${n} recipe${n === 1 ? '' : 's'}`;
  const recipes = [
    ...(added > 0 ? [`${count(added)} added`] : []),
    ...(reused > 0 ? [`${count(reused)} already in the library`] : []),
  ]
    .map((part) => `, ${part}`)
    .join('');
  const restored = `${report.restored.length} image${report.restored.length === 1 ? '' : 's'} restored${recipes}`;
  if (report.reused && report.complete)
    return `"${report.name}" is in the library already (version ${report.version}): nothing was duplicated (${restored}); it can run now.`;
  if (report.complete)
    return `Imported "${report.name}" with everything it needs (${restored}); it can run now.`;
  const nodes = [...new Set(report.missing.map((m) => m.title))].join(', ');
  return `Imported "${report.name}", but ${report.missing.length} image${report.missing.length === 1 ? ' is' : 's are'} missing (${nodes}): set ${report.missing.length === 1 ? 'it' : 'them'} again before running. ${restored}.`;
};

/**
 * A bundle or a plain document becomes a new library workflow. Everything that can refuse it
 * (the zip, the manifest, the recipes, the document) is checked first, and the images, which
 * are content-addressed and so harmless to keep, are stored; then the recipes, the workflow
 * and the bundled run are written in one transaction: all of them or, on any failure, none.
 */
export const importWorkflow = async (body: Uint8Array, deps: ImportDeps): Promise<ImportReport> => {
  if (body.length === 0)
    throw new ImportError(
      400,
      'empty_body',
      'Send the bundle or the workflow document as the body.',
    );
  let bundle: ReadBundle | undefined;
  let ran: Workflow | undefined;
  if (isZip(body)) {
    try {
      bundle = readBundle(body);
      ran = bundle.manifest.run && ranDocument(bundle.manifest.run);
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      throw new ImportError(422, 'invalid_bundle', error.message, error.path);
    }
  }
  let bundled;
  try {
    bundled = parseBundledRecipes(bundle?.recipes ?? new Map());
  } catch (error) {
    if (!(error instanceof BundledRecipeError)) throw error;
    throw new ImportError(422, 'invalid_bundle', error.message, error.path);
  }
  const source = bundleSource(bundled, libraryRecipes(deps.workflows));
  const checkedWorkflow = checked(
    bundle ? bundle.document : parseJson(body),
    deps.registry,
    source,
  );
  if (bundle) await storeImages(bundle, deps.blobs);

  // IMMEDIATE: the check for a copy already in the library and the writes are one step, even
  // against another process (the CLI) on the same file.
  const written = deps.db.orm.transaction(
    () => {
      const recipes = restoreRecipes(checkedWorkflow, bundled, deps.workflows);
      const workflow = repin(checkedWorkflow, recipes.pins);
      // Imported twice: the library's own copy stands (forks are how to get a second one).
      const same = findSameVersion(workflow, deps.workflows, bundle?.manifest.source, true);
      const created = same
        ? { id: same.workflowId, version: same.version }
        : deps.workflows.create(workflow);
      const outputs =
        bundle?.manifest.run && !same
          ? recordImportedRun(deps, bundle.manifest.run, {
              workflowId: created.id,
              version: created.version,
              document: workflow,
              ...(ran ? { ran: repin(ran, recipes.pins) } : {}),
            })
          : undefined;
      return { recipes, workflow, same, created, outputs };
    },
    { behavior: 'immediate' },
  );
  const { recipes, workflow, same, created, outputs } = written;
  // Images the restored recipes name are needed to run too: reported under the recipe's name.
  const recipeRefs = recipes.restored.flatMap((restored) => {
    const recipe = source.get(restored.from);
    return recipe
      ? blobRefs(recipe.document, deps.registry).map((ref) => ({
          ...ref,
          title: `${restored.name} › ${ref.title}`,
        }))
      : [];
  });
  const refs = [...blobRefs(workflow, deps.registry), ...recipeRefs];
  const restored: BlobRef[] = [];
  const missing: MissingImage[] = [];
  for (const ref of refs) {
    if (isBlobId(ref.blob) && deps.blobs.has(ref.blob)) restored.push(ref);
    else
      missing.push({
        ...ref,
        reason: bundle
          ? (bundle.broken.get(ref.blob) ?? 'the bundle does not contain this image')
          : PLAIN_REASON,
      });
  }
  const report = {
    id: created.id,
    version: created.version,
    name: workflow.name,
    kind: bundle ? ('bundle' as const) : ('document' as const),
    reused: same !== undefined,
    complete: missing.length === 0,
    restored,
    missing,
    recipes: recipes.restored,
    ...(outputs ? { outputs } : {}),
  };
  return { ...report, message: sentence(report) };
};
