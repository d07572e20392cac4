import { diffWorkflows } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import { useEffect, useMemo } from 'react';
import { Dialog } from '../dialogs/Dialog';
import type { RecipeRef } from '../model/recipe-node';
import { recipePorts, recipeRefOf } from '../model/recipe-node';
import { insideSummary } from './inside-summary';
import type { SideDiff } from '../model/signature-diff';
import { diffSignatures, edgesDroppedBy, isSameSignature } from '../model/signature-diff';
import { useDocument } from '../store/document-store';
import { labelOfNode, useRecipes } from '../store/recipes-store';
import { useSession } from '../store/session-store';
import { useNewerVersion, useRecipeEntry } from './use-recipe';

function SideChanges({ title, side }: { title: string; side: SideDiff }) {
  const items = [
    ...side.added.map((p) => ({
      key: `+${p.name}`,
      cls: 'diff-added',
      text: `+ ${p.name} (${p.kind}) added`,
    })),
    ...side.removed.map((p) => ({
      key: `-${p.name}`,
      cls: 'diff-removed',
      text: `− ${p.name} (${p.kind}) removed`,
    })),
    ...side.changed.map((c) => ({
      key: `~${c.name}`,
      cls: 'diff-changed',
      text: `~ ${c.name}: ${c.from} → ${c.to}`,
    })),
  ];
  if (items.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="signature-diff">
        {items.map((i) => (
          <li key={i.key} className={i.cls}>
            {i.text}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * "Update available": what moving a recipe node to the library's latest version changes in
 * its signature, which of its edges would be dropped, and a one-step (undoable) upgrade.
 */
export function UpgradeDialog({ nodeId }: { nodeId: string }) {
  const node = useDocument((s) => s.nodes.find((n) => n.id === nodeId));
  const edges = useDocument((s) => s.edges);
  const nodes = useDocument((s) => s.nodes);
  const ref = node ? recipeRefOf(node) : undefined;
  const newer = useNewerVersion(ref);
  const target: RecipeRef | undefined =
    ref && newer !== undefined ? { workflowId: ref.workflowId, version: newer } : undefined;
  const before = useRecipeEntry(ref);
  const after = useRecipeEntry(target);
  const close = () => useRecipes.getState().set({ upgrade: undefined });
  useEffect(() => {
    if (!node || (ref && newer === undefined)) close();
  }, [node, ref, newer]);
  const plan = useMemo(() => {
    if (before?.status !== 'ready' || after?.status !== 'ready') return undefined;
    const diff = diffSignatures(before.signature, after.signature);
    const dropped = edgesDroppedBy(
      nodeId,
      edges,
      recipePorts(before.signature),
      recipePorts(after.signature),
    );
    const inside = diffWorkflows(before.document, after.document, { catalogue: registry });
    return { diff, dropped, inside };
  }, [before, after, edges, nodeId]);
  if (!node || !ref || !target) return null;
  const failed = [before, after].find((e) => e?.status === 'failed');
  const label = (id: string) => {
    const n = nodes.find((x) => x.id === id);
    return n ? labelOfNode(n) : id;
  };
  const apply = () => {
    if (before?.status !== 'ready' || after?.status !== 'ready') return;
    useDocument.getState().upgradeRecipe(nodeId, target.version, before.signature, after.signature);
    useSession
      .getState()
      .toast(
        `Upgraded to v${target.version}${plan?.dropped.length ? `; ${plan.dropped.length} connection(s) dropped` : ''} (Ctrl+Z undoes it)`,
        'success',
      );
    close();
  };
  return (
    <Dialog
      title={`Upgrade “${after?.status === 'ready' ? after.document.name : nodeId}” v${ref.version} → v${target.version}`}
      testId="recipe-upgrade-dialog"
      className="recipe-dialog"
      onClose={close}
      actions={
        <>
          <button type="button" className="tb" onClick={close} data-testid="recipe-upgrade-cancel">
            Keep v{ref.version}
          </button>
          <button
            type="button"
            className="tb primary"
            data-testid="recipe-upgrade-apply"
            disabled={!plan}
            onClick={apply}
          >
            Upgrade this node
          </button>
        </>
      }
    >
      {failed?.status === 'failed' && <p className="error-text">{failed.error}</p>}
      {!plan && !failed && <p className="muted">Comparing the versions…</p>}
      {plan && (
        <div data-testid="recipe-upgrade-changes">
          {isSameSignature(plan.diff) ? (
            <p data-testid="recipe-upgrade-same">
              Same inputs and outputs: every connection stays.
            </p>
          ) : (
            <>
              <SideChanges title="Inputs" side={plan.diff.inputs} />
              <SideChanges title="Outputs" side={plan.diff.outputs} />
            </>
          )}
          {plan.dropped.length > 0 && (
            <>
              <h3>Connections that would be dropped</h3>
              <ul className="signature-diff" data-testid="recipe-upgrade-dropped">
                {plan.dropped.map((e) => (
                  <li key={e.id} className="diff-removed">
                    {label(e.source)} · {e.sourceHandle} → {label(e.target)} · {e.targetHandle}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="muted small" data-testid="recipe-upgrade-inside">
            Inside the recipe: {insideSummary(plan.inside)}. Other uses of this recipe keep their
            version.
          </p>
        </div>
      )}
    </Dialog>
  );
}
