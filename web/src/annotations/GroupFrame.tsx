import type { NodeProps } from '@xyflow/react';
import { useDenied } from '../team/me-store';
import { NodeResizer } from '@xyflow/react';
import { memo, useEffect, useRef, useState } from 'react';
import { setAnnotationColor, setGroupTitle } from './annotation-actions';
import { ColorSwatches } from './ColorSwatches';
import { COLOR_HEX } from './colors';
import { takeEditRequest } from './edit-requests';
import type { GroupFlowNode } from './flow-annotations';
import { groupFlowId } from './flow-annotations';
import { useSession } from '../store/session-store';

/**
 * A group (frame): a tinted rectangle under the cards with a title bar. Dragging the title bar
 * moves the group and everything inside it; double-click the title to rename it. Only the
 * title bar and the resize handles take the pointer (flow-annotations.ts).
 */
export const GroupFrame = memo(function GroupFrame({ data, selected }: NodeProps<GroupFlowNode>) {
  const { group } = data;
  // A shared view, or a role that may not edit (team mode): shown, never changed.
  const noEdit = useDenied('edit');
  const readOnly = !!data.readOnly || !!noEdit;
  // Outlined like a card while a version diff is shown (versions/diff-marks.ts).
  const mark = useSession((s) => s.diffMarks?.[groupFlowId(group.id)]);
  const [editing, setEditing] = useState(() => !readOnly && takeEditRequest(group.id));
  const [draft, setDraft] = useState(group.title);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!editing) return;
    setDraft(group.title);
    input.current?.focus();
    input.current?.select();
    // Only when editing starts: the draft is the person's until they finish.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing]);
  const tint = COLOR_HEX[group.color ?? 'blue'];
  const finish = (keep: boolean) => {
    if (keep) setGroupTitle(group.id, draft);
    setEditing(false);
  };
  return (
    <div
      className={`annotation-group${selected ? ' selected' : ''}${mark ? ` diff-${mark}` : ''}`}
      style={{ '--group-color': tint } as React.CSSProperties}
      data-testid={`group-${group.id}`}
      data-diff={mark}
    >
      {!readOnly && (
        <NodeResizer
          isVisible={!!selected}
          minWidth={120}
          minHeight={80}
          color={tint}
          handleClassName="annotation-resize-handle"
          lineClassName="annotation-resize-line"
        />
      )}
      <div
        className="annotation-group-title"
        data-testid={`group-title-${group.id}`}
        title={
          readOnly
            ? group.title
            : 'Drag to move the group and what is inside it · double-click to rename'
        }
        onDoubleClick={() => !readOnly && setEditing(true)}
      >
        {editing ? (
          <input
            ref={input}
            className="nodrag"
            aria-label="Group title"
            data-testid={`group-title-editor-${group.id}`}
            value={draft}
            maxLength={200}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => finish(true)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') finish(true);
              else if (e.key === 'Escape') finish(false);
              else return;
              e.preventDefault();
              e.stopPropagation();
            }}
          />
        ) : (
          <span className="annotation-group-name">{group.title}</span>
        )}
        {selected && !readOnly && !editing && (
          <ColorSwatches
            value={group.color}
            onPick={(c) => setAnnotationColor(group.id, c)}
            testId={`group-colors-${group.id}`}
          />
        )}
      </div>
    </div>
  );
});
