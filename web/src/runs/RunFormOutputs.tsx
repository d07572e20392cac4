import type { ImageValue } from '@atelier/graph';
import { blobUrl } from '../api/api';
import { definitionOf } from '../model/catalogue';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';

const NONE: readonly never[] = [];

const isImage = (v: unknown): v is ImageValue => !!v && typeof v === 'object' && 'blob' in v;

/**
 * The run form's list of the recipe's named outputs: what the run will produce (name and
 * kind) and, once a run is on screen, what it produced under each name.
 */
export function RunFormOutputs() {
  const outputs = useDocument((s) => s.outputs ?? NONE);
  const nodes = useDocument((s) => s.nodes);
  const nodeRuns = useSession((s) => s.nodeRuns);
  if (outputs.length === 0) return null;
  return (
    <div className="run-form-outputs" data-testid="run-form-outputs">
      <h3 className="field-label">This run produces</h3>
      <ul>
        {outputs.map((o) => {
          const type = nodes.find((n) => n.id === o.node)?.type;
          const kind = definitionOf(type)?.outputs.find((p) => p.name === o.port)?.kind;
          const value = nodeRuns[o.node]?.outputs?.[o.port];
          return (
            <li key={o.name} data-testid={`run-form-output-${o.name}`}>
              <strong>{o.name}</strong> <span className="muted small">{kind ?? 'output'}</span>
              {isImage(value) && (
                <img
                  className="thumb"
                  src={blobUrl(value.blob)}
                  alt={`${o.name}, from the run on screen`}
                  data-testid={`run-form-output-image-${o.name}`}
                />
              )}
              {typeof value === 'string' && <span className="small"> {value}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
