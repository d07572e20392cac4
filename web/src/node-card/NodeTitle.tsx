import type { NodeDefinition } from '@atelier/nodes';
import { useState } from 'react';
import { titlesOf } from '../model/titles';
import { useDocument } from '../store/document-store';
import { useDenied } from '../team/me-store';

/** The title a person gave node `id`, if any (a lookup per card, see titlesOf). */
export const useNodeTitle = (id: string): string | undefined =>
  useDocument((s) => titlesOf(s.nodes).get(id));

/**
 * The card's title: the person's own (view.title) or the type's. Double-click (or F2 with the
 * title focused) renames it in place; Enter keeps, Esc cancels, an empty title goes back to
 * the type's.
 */
export function NodeTitle({ id, def }: { id: string; def: NodeDefinition }) {
  const own = useNodeTitle(id);
  const noEdit = useDenied('edit');
  const [editing, setEditing] = useState<string | undefined>();
  if (editing !== undefined) {
    const commit = () => {
      useDocument.getState().setNodeTitle(id, editing);
      setEditing(undefined);
    };
    return (
      <input
        autoFocus
        className="node-title-input nodrag"
        data-testid={`title-input-${id}`}
        aria-label={`Title of ${id}`}
        value={editing}
        placeholder={def.title}
        maxLength={120}
        onFocus={(e) => e.target.select()}
        onChange={(e) => setEditing(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setEditing(undefined);
        }}
      />
    );
  }
  return (
    <span
      className="node-title"
      data-testid={`title-${id}`}
      title={`${own ?? def.title} — ${def.description}${noEdit ? '' : ' (double-click to rename)'}`}
      tabIndex={0}
      onDoubleClick={(e) => {
        e.stopPropagation();
        if (!noEdit) setEditing(own ?? def.title);
      }}
      onKeyDown={(e) => {
        if (e.key === 'F2' && !noEdit) setEditing(own ?? def.title);
      }}
    >
      {own ?? def.title}
    </span>
  );
}
