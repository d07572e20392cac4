import type { PortSpec } from '@atelier/graph';
import type { NodeDefinition } from '@atelier/nodes';
import type { EdgeEnds } from '../../model/document-helpers';
import type { LooseWire } from './menu-store';

/** A node type's port that a loose wire can join: on the other side, of the wire's kind. */
export const portFor = (def: NodeDefinition, wire: LooseWire): PortSpec | undefined => {
  const ports = wire.side === 'source' ? def.inputs : def.outputs;
  const fitting = ports.filter((p) => p.kind === wire.kind);
  // A required input first: wiring it is what the new node needs most.
  return fitting.find((p) => !p.optional && !p.multiple) ?? fitting[0];
};

/**
 * The node types a wire dragged out of a port can be dropped into (kinds from the definitions,
 * never type names), in the order given.
 */
export const compatibleTypes = <D extends NodeDefinition>(
  definitions: readonly D[],
  wire: LooseWire,
): D[] => definitions.filter((def) => portFor(def, wire) !== undefined);

/** The edge joining the loose wire to the new node `newId` of type `def`. */
export const wireEnds = (def: NodeDefinition, wire: LooseWire, newId: string): EdgeEnds => {
  const port = portFor(def, wire)!;
  return wire.side === 'source'
    ? { source: wire.nodeId, sourceHandle: wire.handle, target: newId, targetHandle: port.name }
    : { source: newId, sourceHandle: port.name, target: wire.nodeId, targetHandle: wire.handle };
};
