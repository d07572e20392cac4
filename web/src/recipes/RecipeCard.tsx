import type { NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { OverviewCard } from '../canvas/OverviewCard';
import { useOverview } from '../canvas/overview-zoom';
import type { FlowNode } from '../model/types';
import { recipeRefOf } from '../model/recipe-node';
import { DetailedCard } from '../node-card/NodeCard';
import { useRecipes } from '../store/recipes-store';
import './recipes.css';
import { recipeDefinition } from './recipe-definition';
import { RecipeResults } from './RecipeResults';
import { useNewerVersion, useRecipeEntry } from './use-recipe';

/**
 * A recipe node: the generic card with the pinned version's inputs (ports and fields) and
 * outputs (ports), plus its pin, "update available", a way in, and progress inside it.
 */
function RecipeCardImpl({ id, data, selected }: NodeProps<FlowNode>) {
  const overview = useOverview();
  const ref = recipeRefOf({ type: 'recipe', data });
  const entry = useRecipeEntry(ref);
  const newer = useNewerVersion(ref);
  const ready = entry?.status === 'ready' ? entry : undefined;
  const def = useMemo(() => recipeDefinition(ready?.document.name, ready?.signature), [ready]);
  const slots = useMemo(
    () =>
      (ready?.signature.outputs ?? []).map((o) => ({
        name: o.name,
        kind: o.kind,
        node: ready?.document.outputs?.find((d) => d.name === o.name)?.node,
      })),
    [ready],
  );
  const titleOf = (path: string) => {
    const inner = ready?.document.nodes.find((n) => n.id === path.split('/')[0]);
    const own = inner?.view?.title;
    return typeof own === 'string' && own ? own : path;
  };
  if (overview) return <OverviewCard id={id} def={def} selected={!!selected} />;
  const extra = (
    <>
      <div className="recipe-bar">
        <span className="recipe-pin" data-testid={`recipe-pin-${id}`} title="The pinned version">
          recipe · v{ref?.version ?? '?'}
        </span>
        {newer !== undefined && (
          <button
            type="button"
            className="recipe-update nodrag"
            data-testid={`recipe-update-${id}`}
            title="The library has a newer version of this recipe: see what changed"
            onClick={() => useRecipes.getState().set({ upgrade: id })}
          >
            Update available · v{newer}
          </button>
        )}
        <button
          type="button"
          className="mini-button nodrag"
          data-testid={`recipe-open-${id}`}
          aria-label={`Open recipe node ${id} to see its inner graph`}
          title="See the recipe's inner graph and how each node ran"
          disabled={!ready || !ref}
          onClick={() =>
            ref && useRecipes.getState().set({ drill: { path: id, ref, title: def.title } })
          }
        >
          Open ⤢
        </button>
      </div>
      {!ref && <p className="node-error">This recipe node names no workflow and version.</p>}
      {entry?.status === 'failed' && (
        <p
          className="node-error clamped"
          role="alert"
          data-testid={`recipe-error-${id}`}
          title={entry.error}
        >
          <span className="node-error-text">{entry.error}</span>
        </p>
      )}
      {entry?.status === 'loading' && <p className="muted small">Loading the recipe…</p>}
    </>
  );
  const after = <RecipeResults id={id} slots={slots} titleOf={titleOf} />;
  return (
    <DetailedCard id={id} def={def} data={data} selected={!!selected} extra={extra} after={after} />
  );
}

export const RecipeCard = memo(RecipeCardImpl);
