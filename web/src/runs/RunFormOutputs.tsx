import type { ImageValue } from '@atelier/graph';
import { useEffect } from 'react';
import { blobUrl } from '../api/api';
import { recipeRefOf } from '../model/recipe-node';
import { useDocument } from '../store/document-store';
import { portsOfNode, useRecipes } from '../store/recipes-store';
import { useSession } from '../store/session-store';

const NONE: readonly never[] = [];

const isImage = (v: unknown): v is ImageValue => !!v && typeof v === 'object' && 'blob' in v;

/**
 * The run form's list of the recipe's named outputs: what the run will produce (name and
 * kind, a recipe node's outputs included) and, once a run is on screen, what that run made
 * under each name — labelled as the last run's, never passed off as this run's output, and
 * marked as made before the inputs typed in the form (`changed`).
 */
export function RunFormOutputs({ changed }: { changed: boolean }) {
  const outputs = useDocument((s) => s.outputs ?? NONE);
  const nodes = useDocument((s) => s.nodes);
  const nodeRuns = useSession((s) => s.nodeRuns);
  const replay = useSession((s) => s.run?.replay === true);
  // A recipe node's ports come from its pinned recipe: re-render once that is loaded.
  useRecipes((s) => s.entries);
  useEffect(() => {
    for (const o of outputs) {
      const node = nodes.find((n) => n.id === o.node);
      const ref = node && recipeRefOf(node);
      if (ref) void useRecipes.getState().ensure(ref);
    }
  }, [outputs, nodes]);
  if (outputs.length === 0) return null;
  const which = replay ? 'Opened run' : 'Last run';
  return (
    <div className="run-form-outputs" data-testid="run-form-outputs">
      <h3 className="field-label">This run produces</h3>
      <ul>
        {outputs.map((o) => {
          const node = nodes.find((n) => n.id === o.node);
          const kind = node && portsOfNode(node)?.outputs.find((p) => p.name === o.port)?.kind;
          const value = nodeRuns[o.node]?.outputs?.[o.port];
          const shown = isImage(value) || typeof value === 'string';
          return (
            <li key={o.name} data-testid={`run-form-output-${o.name}`}>
              <strong>{o.name}</strong> <span className="muted small">{kind ?? 'output'}</span>
              {shown && (
                <div
                  className={`run-form-last${changed ? ' stale' : ''}`}
                  data-testid={`run-form-output-last-${o.name}`}
                  data-stale={changed}
                >
                  <span className="run-form-last-label muted small">
                    {which}
                    {changed ? ', before the inputs changed' : ''}:
                  </span>
                  {isImage(value) ? (
                    <img
                      className="thumb"
                      src={blobUrl(value.blob)}
                      alt={`${o.name}, from the ${which.toLowerCase()}`}
                      data-testid={`run-form-output-image-${o.name}`}
                    />
                  ) : (
                    <span className="small"> {typeof value === 'string' ? value : ''}</span>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
