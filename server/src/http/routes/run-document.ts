import type { Workflow } from '@atelier/graph';
import type { Context } from 'hono';
import { authorize } from '../../auth/actor';
import { libraryRecipes } from '../../recipes/library-recipes';
import type { AppDeps } from '../deps';
import { apiError } from '../errors';
import { checkDocument, invalidWorkflow } from './workflows';

/** What a run or a batch request names to run: a saved workflow (at a version), a document, or both. */
export type RunDocumentRequest = {
  workflowId?: string;
  version?: number;
  workflow?: unknown;
};

/**
 * The document a run or batch runs, or the answer that says what to fix. One place for both
 * routes, so that "no such workflow" and "no such version" read the same everywhere.
 * `missing` is the 400 message when the request names neither. The return type is inferred so
 * that the typed client (`hc`) still sees each error answer.
 */
export const resolveRunDocument = (
  c: Context,
  deps: AppDeps,
  body: RunDocumentRequest,
  missing: string,
) => {
  if (body.workflowId === undefined && body.workflow === undefined)
    return {
      ok: false as const,
      response: apiError(c, 400, 'invalid_request', missing, { path: 'workflowId' }),
    };

  let document: Workflow | undefined;
  let workflowVersion: number | undefined;
  if (body.workflowId !== undefined) {
    const saved =
      body.version === undefined
        ? deps.workflows.get(body.workflowId)
        : deps.workflows.getVersion(body.workflowId, body.version);
    if (!saved) {
      const workflowMissing = body.version === undefined || !deps.workflows.get(body.workflowId);
      return {
        ok: false as const,
        response: apiError(
          c,
          404,
          workflowMissing ? 'workflow_not_found' : 'version_not_found',
          workflowMissing
            ? `No workflow with id "${body.workflowId}".`
            : `Workflow "${body.workflowId}" has no version ${body.version}.`,
          { path: workflowMissing ? 'workflowId' : 'version' },
        ),
      };
    }
    document = saved.document as Workflow;
    workflowVersion = saved.version;
  }
  if (body.workflow !== undefined) {
    // A document of one's own is an edit: a runner runs the team's saved recipes.
    authorize(c, 'edit');
    const checked = checkDocument(body.workflow, deps.registry, libraryRecipes(deps.workflows));
    if (!checked.ok)
      return {
        ok: false as const,
        response: invalidWorkflow(
          c,
          checked.issues.map((issue) => ({ ...issue, path: `workflow.${issue.path}` })),
        ),
      };
    // An inline document wins over the saved one: it is an unsaved edit of it.
    document = checked.workflow;
    workflowVersion = undefined;
  }
  // One of the branches above set the document. A graph with no nodes has nothing to run:
  // said here rather than recorded as a run that did nothing (the editor says the same).
  if (document!.nodes.length === 0)
    return {
      ok: false as const,
      response: apiError(
        c,
        422,
        'empty_workflow',
        'The workflow has no nodes: add a node (a prompt and a generate, say) before running it.',
        { path: body.workflow !== undefined ? 'workflow.nodes' : 'workflowId' },
      ),
    };
  return { ok: true as const, document: document!, workflowVersion };
};
