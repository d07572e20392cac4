import type { PortSpec } from '@atelier/graph';
import { portColor } from '../model/catalogue';
import { RecipeNameToggle } from '../node-card/RecipeNameToggle';

/**
 * The inspector's list of a node's output ports, each one nameable as an output of the recipe
 * being edited (name, rename, remove), as on the card.
 */
export function NamedOutputs({ nodeId, ports }: { nodeId: string; ports: readonly PortSpec[] }) {
  if (ports.length === 0) return null;
  return (
    <>
      <h3>Outputs</h3>
      <p className="muted small">
        A named output is what this workflow gives when it is used as a recipe node.
      </p>
      {ports.map((port) => (
        <div
          key={port.name}
          className="inspector-output"
          data-testid={`inspector-port-${port.name}`}
        >
          <span className="dot" style={{ background: portColor(port.kind) }} /> {port.label}
          <span className="muted small"> {port.kind}</span>{' '}
          <RecipeNameToggle nodeId={nodeId} target={{ output: port }} place="inspector" />
        </div>
      ))}
    </>
  );
}
