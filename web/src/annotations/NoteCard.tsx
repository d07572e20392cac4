import type { NodeProps } from '@xyflow/react';
import { useDenied } from '../team/me-store';
import { NodeResizer } from '@xyflow/react';
import { memo, useEffect, useRef, useState } from 'react';
import { setAnnotationColor, setNoteText } from './annotation-actions';
import { ColorSwatches } from './ColorSwatches';
import { COLOR_HEX } from './colors';
import { takeEditRequest } from './edit-requests';
import type { NoteFlowNode } from './flow-annotations';
import { noteFlowId } from './flow-annotations';
import { useSession } from '../store/session-store';

/**
 * A sticky note: its text, written in place (double-click, or straight after adding it),
 * resizable and coloured when selected. Shown read-only in shared views.
 */
export const NoteCard = memo(function NoteCard({ data, selected }: NodeProps<NoteFlowNode>) {
  const { note } = data;
  // A shared view, or a role that may not edit (team mode): shown, never changed.
  const noEdit = useDenied('edit');
  const readOnly = !!data.readOnly || !!noEdit;
  // Outlined like a card while a version diff is shown (versions/diff-marks.ts).
  const mark = useSession((s) => s.diffMarks?.[noteFlowId(note.id)]);
  const [editing, setEditing] = useState(() => !readOnly && takeEditRequest(note.id));
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!editing) return;
    area.current?.focus();
    area.current?.select();
  }, [editing]);
  const paper = COLOR_HEX[note.color ?? 'yellow'];
  return (
    <div
      className={`annotation-note${selected ? ' selected' : ''}${mark ? ` diff-${mark}` : ''}`}
      style={{ '--note-color': paper } as React.CSSProperties}
      data-testid={`note-${note.id}`}
      data-diff={mark}
      onDoubleClick={() => !readOnly && setEditing(true)}
    >
      {!readOnly && (
        <NodeResizer
          isVisible={!!selected}
          minWidth={120}
          minHeight={60}
          color={paper}
          handleClassName="annotation-resize-handle"
        />
      )}
      {editing ? (
        <textarea
          ref={area}
          className="annotation-note-text nodrag nowheel"
          data-testid={`note-editor-${note.id}`}
          aria-label="Note text"
          value={note.text}
          placeholder="Write a note…"
          onChange={(e) => setNoteText(note.id, e.target.value)}
          onBlur={() => setEditing(false)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              e.currentTarget.blur();
            }
          }}
        />
      ) : (
        <div className="annotation-note-text nowheel" data-testid={`note-text-${note.id}`}>
          {note.text || (readOnly ? '' : <span className="muted">Double-click to write</span>)}
        </div>
      )}
      {selected && !readOnly && !editing && (
        <ColorSwatches
          value={note.color}
          onPick={(c) => setAnnotationColor(note.id, c)}
          testId={`note-colors-${note.id}`}
        />
      )}
    </div>
  );
});
