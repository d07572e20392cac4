import type { NodeDefinition } from '@atelier/nodes';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { definitions, portColor } from '../../model/catalogue';
import { isRecipeType } from '../../model/recipe-node';
import type { EditorNodeType } from '../../model/types';
import { rankMatches } from '../../palette/palette-search';
import { useDocument } from '../../store/document-store';
import { compatibleTypes, wireEnds } from './compatible-types';
import { menuPosition } from './menu-position';
import type { LooseWire } from './menu-store';
import { useDismiss } from './use-dismiss';

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
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [pos, setPos] = useState<{ left: number; top: number }>();
  useDismiss(ref, onClose);
  const choices = useMemo(() => (wire ? compatibleTypes(offered, wire) : offered), [wire]);
  const matches = useMemo(() => rankMatches(choices, query), [choices, query]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    setPos(menuPosition(at, { width, height }, { width: innerWidth, height: innerHeight }));
  }, [at]);
  // Focused once placed: a hidden element cannot take the focus.
  useLayoutEffect(() => {
    if (pos) input.current?.focus();
  }, [pos]);

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
      style={pos ? { left: pos.left, top: pos.top } : { left: 0, top: 0, visibility: 'hidden' }}
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
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && matches[active]) add(matches[active]);
          else if (e.key === 'Escape' || e.key === 'Tab') onClose();
          else return;
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
