import { checkDocument } from '../recipes/check-document';
import { snapshotOf, useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { detachRun } from '../runs/run-controller';
import { exportFileName, importWorkflowText, toWorkflow } from '../model/workflow-io';

/** Downloads the current document as a .json file. */
export const exportWorkflow = () => {
  const doc = useDocument.getState();
  const workflow = toWorkflow(snapshotOf(doc));
  const blob = new Blob([JSON.stringify(workflow, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = exportFileName(doc.name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

/** Reads a workflow file; problems are listed by path, the canvas is left as it was. */
export const importWorkflowFile = async (file: File) => {
  const result = importWorkflowText(await file.text());
  if (!result.ok) {
    useSession
      .getState()
      .set({ importIssues: { title: `Could not import ${file.name}`, issues: result.issues } });
    return false;
  }
  useDocument.getState().load(result.workflow, { keepHistory: true });
  // The canvas now shows another document: stop showing (and following) the last run.
  detachRun();
  useSession.getState().set({ nodeRuns: {}, run: undefined });
  useSession
    .getState()
    .toast(`Imported “${result.workflow.name}” (${result.workflow.nodes.length} nodes)`, 'success');
  // A readable file may still hold a graph that cannot run (an edge to a missing node, a
  // cycle, a bad value): say so now, by node, rather than at the first Run.
  const checked = await checkDocument(result.workflow);
  if (!checked.ok)
    useSession.getState().set({
      importIssues: {
        title: `Imported “${result.workflow.name}”, but it cannot run until ${checked.issues.length === 1 ? 'this is' : 'these are'} fixed`,
        issues: checked.issues,
        ofCanvas: true,
      },
    });
  return true;
};
