import type { NodeType } from '@atelier/nodes';
import { forwardRef } from 'react';
import { categoryOf, paletteDefinitions, portColor } from '../model/catalogue';
import { rankMatches } from './palette-search';
import { NODE_MIME } from '../model/drag-types';
import { useAddNode } from '../canvas/use-add-node';
import { useDenied } from '../team/me-store';
import { Controls } from '@xyflow/react';
import { StatusMiniMap } from '../canvas/StatusMiniMap';
import { PortLegend } from './PortLegend';
import { RecipesSection } from '../recipes/RecipesSection';
import { AnnotationTools } from '../annotations/AnnotationTools';
import { useSearchList } from '../ui/use-search-list';

/** The six node types: click or drag to add; type to filter, arrows + Enter to add by keyboard. */
export const Palette = forwardRef<HTMLInputElement>(function Palette(_props, searchRef) {
  const { query, setQuery, matches, active, onKey } = useSearchList(
    paletteDefinitions,
    rankMatches,
  );
  const addNode = useAddNode();
  const noEdit = useDenied('edit');
  const noRun = useDenied('run');
  // Search results are ranked by relevance, so category headings only show on the full list.
  const searching = query.trim() !== '';
  const add = (type: NodeType) => {
    addNode(type);
    setQuery('');
  };
  // Team mode, a role that cannot edit: no nodes to add, and a word on what it can do.
  if (noEdit)
    return (
      <aside className="palette" aria-label="Node palette" data-testid="palette-read-only">
        <p className="read-only-note" title={noEdit}>
          Read-only
        </p>
        <p className="muted">
          {noRun
            ? 'You can look at every recipe, its versions and runs, and comment on nodes and outputs.'
            : 'You can run saved recipes (open one from the Library) and comment; editing needs an editor role.'}
        </p>
      </aside>
    );
  return (
    <aside className="palette" aria-label="Node palette">
      <input
        ref={searchRef}
        className="palette-search"
        data-testid="palette-search"
        aria-label="Search nodes"
        placeholder="Search nodes  ( / )"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          // Ctrl+Enter is left to the editor's shortcut (Run).
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) return;
          if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
          else if (!onKey(e.key, (d) => add(d.type))) return;
          e.preventDefault();
        }}
      />
      <ul className="palette-list" role="listbox" aria-label="Node types">
        {matches.map((d, i) => (
          <li key={d.type} role="option" aria-selected={i === active && searching}>
            {!searching && (i === 0 || matches[i - 1]?.category !== d.category) && (
              <div className="palette-category">{categoryOf(d).label}</div>
            )}
            <button
              type="button"
              className={`palette-item${i === active && searching ? ' active' : ''}`}
              data-testid={`palette-${d.type}`}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData(NODE_MIME, d.type);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => add(d.type)}
              title={`${d.description} — click or drag onto the canvas`}
            >
              <span className="palette-title">{d.title}</span>
              <span className="palette-ports">
                {d.inputs.map((p) => (
                  <span
                    key={`i${p.name}`}
                    className="dot"
                    style={{ background: portColor(p.kind) }}
                    title={`in: ${p.label}`}
                  />
                ))}
                {d.inputs.length > 0 && <span className="arrow">→</span>}
                {d.outputs.map((p) => (
                  <span
                    key={`o${p.name}`}
                    className="dot"
                    style={{ background: portColor(p.kind) }}
                    title={`out: ${p.label}`}
                  />
                ))}
              </span>
              <span className="palette-desc">{d.description}</span>
            </button>
          </li>
        ))}
        {matches.length === 0 && <li className="muted">No node matches “{query}”</li>}
        <li role="presentation">
          <RecipesSection query={query} />
        </li>
      </ul>
      <AnnotationTools />
      <div className="palette-foot">
        <StatusMiniMap />
        <Controls
          showInteractive={false}
          orientation="horizontal"
          position="bottom-left"
          aria-label="Zoom controls"
        />
        <PortLegend />
      </div>
      <p className="palette-hint">
        With a node selected, a new node is placed after it and wired up. Press <kbd>?</kbd> for
        shortcuts.
      </p>
    </aside>
  );
});
