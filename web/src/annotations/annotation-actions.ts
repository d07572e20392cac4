import type { AnnotationColor, WorkflowGroup, WorkflowNote } from '@atelier/graph';
import { MAX_NOTE_TEXT } from '@atelier/graph';
import type { Rect } from '../model/annotation-layout';
import { cardBox, frameAround, noteBox } from '../model/annotation-layout';
import { freshId } from '../model/ids';
import type { DocumentState } from '../store/document-store';
import { requestEdit } from './edit-requests';
import { useDocument } from '../store/document-store';

/**
 * Notes and groups, as actions on the document store: each is one undo step (typing in a note
 * is one step per burst, like a field). These are what the palette, the shortcuts and the
 * canvas menus call.
 */

const store = () => useDocument.getState();

const takenIds = (s: Pick<DocumentState, 'notes' | 'groups'>) =>
  new Set([...(s.notes ?? []).map((n) => n.id), ...(s.groups ?? []).map((g) => g.id)]);

const whole = (p: { x: number; y: number }) => ({ x: Math.round(p.x), y: Math.round(p.y) });

/** Adds a sticky note with its top-left corner at `position`, selected; returns its id. */
export const addNote = (
  position: { x: number; y: number },
  opts: { text?: string; color?: AnnotationColor } = {},
): string => {
  const id = freshId('note', takenIds(store()));
  const note: WorkflowNote = {
    id,
    text: (opts.text ?? '').slice(0, MAX_NOTE_TEXT),
    position: whole(position),
    color: opts.color ?? 'yellow',
  };
  store().editDocument((s) => ({ notes: [...(s.notes ?? []), note] }));
  store().selectAnnotations([id], 'only');
  requestEdit(id); // a new note opens for writing
  return id;
};

/** Adds an empty group over `rect` (flow coordinates), selected; returns its id. */
export const addGroup = (rect: Rect, opts: { title?: string; color?: AnnotationColor } = {}) => {
  const id = freshId('group', takenIds(store()));
  const group: WorkflowGroup = {
    id,
    title: (opts.title ?? 'Group').slice(0, 200),
    position: whole(rect),
    size: {
      width: Math.max(80, Math.round(rect.width)),
      height: Math.max(60, Math.round(rect.height)),
    },
    color: opts.color ?? 'blue',
  };
  store().editDocument((s) => ({ groups: [...(s.groups ?? []), group] }));
  store().selectAnnotations([id], 'only');
  return id;
};

/**
 * Wraps the selected cards (and selected notes) in a new group, as one undo step; returns its
 * id, or undefined when nothing is selected.
 */
export const groupSelection = (title = 'Group'): string | undefined => {
  const s = store();
  const picked = new Set(s.selectedAnnotations);
  const boxes = [
    ...s.nodes.filter((n) => n.selected).map(cardBox),
    ...(s.notes ?? []).filter((n) => picked.has(n.id)).map(noteBox),
    ...(s.groups ?? []).filter((g) => picked.has(g.id)).map((g) => ({ ...g.position, ...g.size })),
  ];
  const frame = frameAround(boxes);
  if (!frame) return undefined;
  const id = addGroup(frame, { title });
  requestEdit(id); // its title opens for naming
  return id;
};

const editNote = (id: string, patch: Partial<WorkflowNote>, key?: string) =>
  store().editDocument(
    (s) => ({ notes: s.notes?.map((n) => (n.id === id ? { ...n, ...patch } : n)) }),
    { key },
  );

const editGroup = (id: string, patch: Partial<WorkflowGroup>, key?: string) =>
  store().editDocument(
    (s) => ({ groups: s.groups?.map((g) => (g.id === id ? { ...g, ...patch } : g)) }),
    { key },
  );

/** A note's text; a burst of typing is one undo step. */
export const setNoteText = (id: string, text: string) => {
  const note = store().notes?.find((n) => n.id === id);
  if (!note || note.text === text) return;
  editNote(id, { text: text.slice(0, MAX_NOTE_TEXT) }, `note-text:${id}`);
};

/** A group's title (blank: "Group"). */
export const setGroupTitle = (id: string, title: string) => {
  const group = store().groups?.find((g) => g.id === id);
  const clean = title.trim().slice(0, 200) || 'Group';
  if (!group || group.title === clean) return;
  editGroup(id, { title: clean });
};

/** The colour of a note or a group. */
export const setAnnotationColor = (id: string, color: AnnotationColor) => {
  const s = store();
  if (s.notes?.some((n) => n.id === id)) {
    if (s.notes.find((n) => n.id === id)?.color !== color) editNote(id, { color });
  } else if (s.groups?.find((g) => g.id === id)?.color !== color) editGroup(id, { color });
};

/** Removes notes and groups (never the nodes inside a group), as one undo step. */
export const removeAnnotations = (ids: readonly string[]) => {
  const gone = new Set(ids);
  const s = store();
  if (![...(s.notes ?? []), ...(s.groups ?? [])].some((a) => gone.has(a.id))) return;
  s.editDocument((st) => ({
    notes: st.notes?.filter((n) => !gone.has(n.id)),
    groups: st.groups?.filter((g) => !gone.has(g.id)),
    selectedAnnotations: st.selectedAnnotations.filter((a) => !gone.has(a)),
  }));
};
