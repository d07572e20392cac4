import type { Issue } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import { ApiError } from '../api/api';
import { importWorkflowFile } from '../library/import-export';
import { openWorkflow } from '../library/library-actions';
import { toWorkflow } from '../model/workflow-io';
import { detachRun, openRun } from '../runs/run-controller';
import { snapshotOf, useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import type { MissingImage } from './missing-images';
import { findMissingImages } from './missing-images';
import type { ImageRecipe } from './owner-api';
import { recipeDocument, sharingApi } from './owner-api';
import { useSharing } from './sharing-store';

const say = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const isBundleFile = (file: File) =>
  file.name.endsWith('.zip') ||
  file.type === 'application/zip' ||
  file.type === 'application/x-zip-compressed';

/** Missing images as issues of the canvas document: the dialog names and points at each node. */
const missingIssues = (
  missing: readonly { node: string; title: string; kind: string; field: string; reason?: string }[],
): Issue[] => {
  const nodes = useDocument.getState().nodes;
  return missing.map((m) => {
    const index = nodes.findIndex((n) => n.id === m.node);
    return {
      path: index >= 0 ? `nodes[${index}].data.${m.field}` : m.node,
      code: 'missing_image',
      message: `${m.title}: the ${m.kind} is missing — ${m.reason ?? 'set it again before running'}`,
    };
  });
};

/**
 * Import from the editor: a bundle goes to the server (a new library workflow with its
 * images, opened here, with its last outputs); a plain .atelier.json opens on the canvas and
 * whatever images it names that this server lacks are listed by node.
 */
export const importFile = async (file: File) => {
  const session = useSession.getState();
  if (isBundleFile(file)) {
    try {
      const report = await sharingApi.importFile(file);
      await openWorkflow(report.id);
      if (report.outputs) await openRun(report.outputs.run);
      if (report.complete) session.toast(report.message, 'success');
      else
        session.set({
          importIssues: {
            title: report.message,
            issues: missingIssues(report.missing),
            ofCanvas: true,
          },
        });
    } catch (error) {
      session.toast(`Could not import ${file.name}: ${say(error)}`, 'error');
    }
    return;
  }
  if (!(await importWorkflowFile(file))) return;
  const workflow = toWorkflow(snapshotOf(useDocument.getState()));
  const missing: MissingImage[] = await findMissingImages(workflow, registry);
  if (missing.length > 0)
    session.set({
      importIssues: {
        title: `Imported “${workflow.name}”, but ${missing.length} image${missing.length === 1 ? ' is' : 's are'} not on this server: a plain .atelier.json does not carry them (export the bundle to bring them)`,
        issues: missingIssues(missing),
        ofCanvas: true,
      },
    });
};

/** An image file dropped on the canvas: its recipe when this server knows it, else a reference. */
export const dropImageFile = async (
  file: File,
  position: { x: number; y: number },
  asImage: () => Promise<void>,
) => {
  let found: ImageRecipe | undefined;
  try {
    found = await sharingApi.lookupImage(file);
  } catch (error) {
    // The lookup is a courtesy: when it fails the image is still usable.
    if (!(error instanceof ApiError) || error.status >= 500) found = undefined;
  }
  if (found) useSharing.getState().set({ offer: { found, asImage } });
  else await asImage();
};

/** Opens the recipe an image led to as a new document (one undo step back). */
export const openRecipe = (found: ImageRecipe) => {
  const session = useSession.getState();
  const parsed = recipeDocument(found);
  if (!parsed.ok) {
    session.toast(`The recipe in this image cannot be opened: ${parsed.message}`, 'error');
    return;
  }
  useDocument.getState().load(parsed.workflow, { keepHistory: true });
  detachRun();
  useSession.getState().set({ nodeRuns: {}, run: undefined });
  const at = found.recipe.source.workflowVersion
    ? ` version ${found.recipe.source.workflowVersion}`
    : '';
  session.toast(
    `Opened the recipe of this image, “${parsed.workflow.name}”${at}, with that run’s inputs, as a new document (Ctrl+Z goes back)`,
    'success',
  );
};

/** Forks a library workflow (its latest version, or `version`) and opens the fork. */
export const forkWorkflow = async (id: string, version?: number) => {
  try {
    const fork = await sharingApi.fork(id, version);
    await openWorkflow(fork.id);
    useSession.getState().toast(`Forked into “${fork.name}”`, 'success');
    return fork;
  } catch (error) {
    useSession.getState().toast(`Could not fork: ${say(error)}`, 'error');
    return undefined;
  }
};

/** "Download with recipe" of an output image (it invalidates the content credentials). */
export const downloadWithRecipe = async (blob: string) => {
  try {
    await sharingApi.downloadWithRecipe(blob);
    useSession
      .getState()
      .toast(
        'Downloaded with its recipe. The file no longer carries valid content credentials (C2PA).',
      );
  } catch (error) {
    useSession.getState().toast(`Could not embed the recipe: ${say(error)}`, 'error');
  }
};
