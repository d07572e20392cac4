import type { NodeDefinition } from '@atelier/nodes';
import { useMemo, useRef } from 'react';
import { definitions, portColor } from '../../model/catalogue';
import { isRecipeType } from '../../model/recipe-node';
import type { EditorNodeType } from '../../model/types';
import { rankMatches } from '../../palette/palette-search';
import { useDocument } from '../../store/document-store';
import { useSearchList } from '../../ui/use-search-list';
import { compatibleTypes, wireEnds } from './compatible-types';
import type { LooseWire } from './menu-store';
import { useFloatingAt } from './use-floating-at';

/** Recipes are added from the palette's Recipes section (pinned to a library workflow). */
const offered = definitions.filter((d) => !isRecipeType(d.type)) as NodeDefinition[];

/**
 * The node search at a point of the canvas: type to filter, arrows + Enter (or a click) add the
 * node there. Opened from a wire released on empty canvas it lists only the types with a port
 * of the wire's kind on the other side, and the new node comes wired to it.
 */
export function NodeSearch({
  at,
  flow,
  wire,
  onClose,
}: {
  at: { x: number; y: number };
  flow: { x: number; y: number };
  wire?: LooseWire;
  onClose(): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const style = useFloatingAt(ref, at, input, onClose);
  const choices = useMemo(() => (wire ? compatibleTypes(offered, wire) : offered), [wire]);
  const { query, setQuery, matches, active, setActive, onKey } = useSearchList(
    choices,
    rankMatches,
  );

  const add = (def: NodeDefinition) => {
    onClose();
    // A wire dragged out of an input: the new node sits left of the drop point, its output there.
    const position =
      wire?.side === 'target' ? { x: flow.x - 280, y: flow.y - 40 } : { x: flow.x, y: flow.y - 40 };
    useDocument.getState().addNode(def.type as EditorNodeType, position, {
      wire: wire ? (id) => wireEnds(def, wire, id) : undefined,
    });
  };

  return (
    <div
      ref={ref}
      className="node-search"
      data-testid="node-search"
      role="dialog"
      aria-label={wire ? `Add a node that takes ${wire.kind}` : 'Add a node here'}
      style={style}
      onContextMenu={(e) => e.preventDefault()}
    >
      {wire && (
        <div className="node-search-kind">
          <span className="dot" style={{ background: portColor(wire.kind) }} />
          {wire.side === 'source' ? `Takes ${wire.kind}` : `Gives ${wire.kind}`}
        </div>
      )}
      <input
        ref={input}
        className="node-search-input"
        data-testid="node-search-input"
        aria-label="Search node types"
        placeholder="Search nodes"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Escape' || e.key === 'Tab') onClose();
          else if (!onKey(e.key, add)) return;
          e.preventDefault();
        }}
      />
      <ul className="node-search-list" role="listbox" aria-label="Node types">
        {matches.map((d, i) => (
          <li key={d.type} role="option" aria-selected={i === active}>
            <button
              type="button"
              tabIndex={-1}
              className={`node-search-item${i === active ? ' active' : ''}`}
              data-testid={`node-search-${d.type}`}
              title={d.description}
              onMouseEnter={() => setActive(i)}
              onClick={() => add(d)}
            >
              {d.title}
            </button>
          </li>
        ))}
        {matches.length === 0 && <li className="node-search-none">No node type matches</li>}
      </ul>
    </div>
  );
}
