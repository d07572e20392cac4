import type { ImageValue } from '@atelier/graph';
import type { NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { OverviewCard } from '../canvas/OverviewCard';
import { useOverview } from '../canvas/overview-zoom';
import type { FlowNode } from '../model/types';
import { recipeRefOf } from '../model/recipe-node';
import { DetailedCard } from '../node-card/NodeCard';
import { OutputImage } from '../node-card/NodePreview';
import { useRecipes } from '../store/recipes-store';
import { useSession } from '../store/session-store';
import './recipes.css';
import type { InnerProgress } from './inner-progress';
import { innerProgress, progressKey } from './inner-progress';
import { recipeDefinition } from './recipe-definition';
import { useNewerVersion, useRecipeEntry } from './use-recipe';

const isImage = (v: unknown): v is ImageValue => !!v && typeof v === 'object' && 'blob' in v;

/** What runs inside the recipe now: the inner node working and its latest partial image. */
function RecipeProgress({ id, titleOf }: { id: string; titleOf(path: string): string }) {
  // A string selector: the card re-renders when what it shows changes, not on every event.
  const key = useSession((s) => progressKey(innerProgress(s.nodeRuns, id)));
  const [total, done, running, partialPath] = JSON.parse(key) as [
    number,
    number,
    string[],
    string?,
  ];
  const partial: InnerProgress['partial'] =
    partialPath === undefined
      ? undefined
      : innerProgress(useSession.getState().nodeRuns, id).partial;
  if (total === 0) return null;
  return (
    <div className="recipe-progress" data-testid={`recipe-progress-${id}`}>
      <div className="recipe-progress-line">
        <span className="muted">
          {done}/{total} inner nodes
        </span>
        {running.length > 0 && (
          <span data-testid={`recipe-running-${id}`}>
            <span className="spinner" aria-hidden /> {running.map(titleOf).join(', ')}
          </span>
        )}
      </div>
      {partial && (
        <OutputImage
          image={partial.image}
          nodeId={`${id}/${partial.path}`}
          partial={partial.index}
        />
      )}
    </div>
  );
}

/** The recipe's image outputs from the shown run, by output name. */
function RecipeOutputs({ id }: { id: string }) {
  const outputs = useSession((s) => s.nodeRuns[id]?.outputs);
  const images = Object.entries(outputs ?? {}).filter(([, v]) => isImage(v)) as [
    string,
    ImageValue,
  ][];
  if (images.length === 0) return null;
  return (
    <div className="recipe-outputs">
      {images.map(([name, image]) => (
        <figure key={name} className="recipe-output" data-testid={`recipe-output-${id}-${name}`}>
          <OutputImage image={image} nodeId={id} />
          <figcaption>{name}</figcaption>
        </figure>
      ))}
    </div>
  );
}

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
        <p className="node-error" role="alert" data-testid={`recipe-error-${id}`}>
          {entry.error}
        </p>
      )}
      {entry?.status === 'loading' && <p className="muted small">Loading the recipe…</p>}
    </>
  );
  const after = (
    <>
      <RecipeProgress id={id} titleOf={titleOf} />
      <RecipeOutputs id={id} />
    </>
  );
  return (
    <DetailedCard id={id} def={def} data={data} selected={!!selected} extra={extra} after={after} />
  );
}

export const RecipeCard = memo(RecipeCardImpl);
