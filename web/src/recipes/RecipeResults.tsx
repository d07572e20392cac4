import type { ImageValue, WorkflowSignature } from '@atelier/graph';
import { NodeError, OutputImage } from '../node-card/NodePreview';
import { useSession } from '../store/session-store';
import type { InnerProgress } from './inner-progress';
import { innerProgress, progressKey } from './inner-progress';

const isImage = (v: unknown): v is ImageValue => !!v && typeof v === 'object' && 'blob' in v;

/** One output of the recipe: its name, kind, and the inner node that makes it (if known). */
export interface ResultSlot {
  name: string;
  kind: WorkflowSignature['outputs'][number]['kind'];
  node?: string;
}

/**
 * What runs inside a recipe node and what it produced, in a box of fixed height reserved
 * before the first run (one tile per named output): outputs and partial images arriving never
 * make the card grow over its neighbours (issue 10 item 1), nor does a failed run's error
 * (clamped at its top). Long text scrolls in its tile.
 */
export function RecipeResults({
  id,
  slots,
  titleOf,
}: {
  id: string;
  slots: readonly ResultSlot[];
  titleOf(path: string): string;
}) {
  // A string selector: the card re-renders when what it shows changes, not on every event.
  const key = useSession((s) => progressKey(innerProgress(s.nodeRuns, id)));
  const outputs = useSession((s) => s.nodeRuns[id]?.outputs);
  const status = useSession((s) => s.nodeRuns[id]?.status);
  const error = useSession((s) => s.nodeRuns[id]?.error);
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
  // A partial image belongs in the tile of the output its inner node makes, else the first
  // image tile still waiting.
  const partialSlot =
    partial &&
    (slots.find((s) => s.kind === 'image' && s.node === partial.path.split('/')[0]) ??
      slots.find((s) => s.kind === 'image' && !isImage(outputs?.[s.name])));
  const earlier = !!status && status !== 'succeeded' && status !== 'running';
  return (
    <div
      className={`preview-box recipe-results${slots.length ? '' : ' no-slots'}${earlier ? ' earlier' : ''}`}
      data-testid={`recipe-results-${id}`}
    >
      {/* Clamped inside the box: a long error cannot grow the card (whole text on hover). */}
      <NodeError nodeId={id} error={error} clamped />
      <div className="recipe-progress-line" data-testid={`recipe-progress-${id}`}>
        <span className="muted">
          {total === 0 ? 'Not run yet' : `${done}/${total} inner nodes`}
        </span>
        {running.length > 0 && (
          <span className="recipe-running" data-testid={`recipe-running-${id}`}>
            <span className="spinner" aria-hidden /> {running.map(titleOf).join(', ')}
          </span>
        )}
      </div>
      {slots.length > 0 && (
        <div className="recipe-slots">
          {slots.map((slot) => {
            const value = outputs?.[slot.name];
            const has = isImage(value) || typeof value === 'string';
            return (
              <figure
                key={slot.name}
                className={`recipe-output kind-${slot.kind}`}
                data-testid={
                  has ? `recipe-output-${id}-${slot.name}` : `recipe-slot-${id}-${slot.name}`
                }
              >
                {isImage(value) && status !== 'running' ? (
                  <OutputImage image={value} nodeId={id} />
                ) : partial && partialSlot === slot ? (
                  <OutputImage
                    image={partial.image}
                    nodeId={`${id}/${partial.path}`}
                    partial={partial.index}
                  />
                ) : isImage(value) ? (
                  <OutputImage image={value} nodeId={id} />
                ) : typeof value === 'string' ? (
                  <p className="recipe-output-text nowheel">{value}</p>
                ) : (
                  <div className="preview-empty">{slot.kind}</div>
                )}
                <figcaption>{slot.name}</figcaption>
              </figure>
            );
          })}
        </div>
      )}
    </div>
  );
}
