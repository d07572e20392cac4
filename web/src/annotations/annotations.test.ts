import { parseWorkflow } from '@atelier/graph';
import type { NodeChange } from '@xyflow/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { cardBox, noteBox, overlaps } from '../model/annotation-layout';
import type { FlowNode } from '../model/types';
import { toWorkflow } from '../model/workflow-io';
import { isDirty, snapshotOf, useDocument } from '../store/document-store';
import {
  addGroup,
  addNote,
  groupSelection,
  removeAnnotations,
  setAnnotationColor,
  setGroupTitle,
  setNoteText,
} from './annotation-actions';
import { splitNodeChanges } from './annotation-changes';
import { groupFlowId, noteFlowId } from './flow-annotations';

const doc = () => useDocument.getState();
const pos = (id: string) => doc().nodes.find((n) => n.id === id)!.position;

/** Three prompts; p1 and p2 at the top-left, p3 far to the right. */
beforeEach(() => {
  const parsed = parseWorkflow({
    format: 'atelier.workflow',
    version: 1,
    name: 'Annotated',
    nodes: [
      { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a' } },
      { id: 'p2', type: 'prompt', position: { x: 0, y: 300 }, data: { text: 'b' } },
      { id: 'p3', type: 'prompt', position: { x: 900, y: 0 }, data: { text: 'c' } },
    ],
  });
  if (!parsed.ok) throw new Error('fixture');
  doc().load(parsed.workflow, { workflowId: 'w1', version: 1 });
});

/** What React Flow sends while a node is dragged from where it is by (dx, dy) in `steps`. */
const dragChanges = (flowId: string, from: { x: number; y: number }, dx: number, dy: number) => {
  const batches: NodeChange<FlowNode>[][] = [];
  for (const t of [0.25, 0.5, 1])
    batches.push([
      {
        type: 'position',
        id: flowId,
        position: { x: from.x + dx * t, y: from.y + dy * t },
        dragging: true,
      },
    ]);
  batches.push([{ type: 'position', id: flowId, dragging: false }]);
  return batches;
};
const send = (batches: NodeChange<FlowNode>[][]) =>
  batches.forEach((b) => splitNodeChanges(b, doc().onNodesChange));

describe('sticky notes', () => {
  it('are added selected and undone / redone in one step each', () => {
    const id = addNote({ x: 10.6, y: -200.2 });
    expect(doc().notes).toEqual([{ id, text: '', position: { x: 11, y: -200 }, color: 'yellow' }]);
    expect(doc().selectedAnnotations).toEqual([id]);
    expect(isDirty(doc())).toBe(true);
    doc().undo();
    expect(doc().notes).toBeUndefined();
    doc().redo();
    expect(doc().notes?.map((n) => n.id)).toEqual([id]);
  });

  it('take a burst of typing as one undo step, and their colour as another', () => {
    const id = addNote({ x: 0, y: -200 });
    setNoteText(id, 'W');
    setNoteText(id, 'Why');
    setNoteText(id, 'Why the mask');
    setAnnotationColor(id, 'pink');
    expect(doc().notes?.[0]).toMatchObject({ text: 'Why the mask', color: 'pink' });
    doc().undo();
    expect(doc().notes?.[0]).toMatchObject({ text: 'Why the mask', color: 'yellow' });
    doc().undo();
    expect(doc().notes?.[0]?.text).toBe('');
  });

  it('are saved in the document and never become nodes', () => {
    const id = addNote({ x: 0, y: -200 });
    setNoteText(id, 'keep the label');
    const saved = toWorkflow(snapshotOf(doc()));
    expect(saved.nodes.map((n) => n.id)).toEqual(['p1', 'p2', 'p3']);
    expect(saved.notes).toEqual([
      { id, text: 'keep the label', position: { x: 0, y: -200 }, color: 'yellow' },
    ]);
  });

  it('move and resize through the canvas, each as one undo step', () => {
    const id = addNote({ x: 0, y: -200 });
    send(dragChanges(noteFlowId(id), { x: 0, y: -200 }, 50, -40));
    expect(doc().notes?.[0]?.position).toEqual({ x: 50, y: -240 });
    splitNodeChanges(
      [
        {
          type: 'dimensions',
          id: noteFlowId(id),
          resizing: true,
          dimensions: { width: 300, height: 200 },
        },
      ],
      doc().onNodesChange,
    );
    splitNodeChanges(
      [
        {
          type: 'dimensions',
          id: noteFlowId(id),
          resizing: false,
          dimensions: { width: 320, height: 210 },
        },
      ],
      doc().onNodesChange,
    );
    expect(doc().notes?.[0]?.size).toEqual({ width: 320, height: 210 });
    doc().undo();
    expect(doc().notes?.[0]?.size).toBeUndefined();
    expect(doc().notes?.[0]?.position).toEqual({ x: 50, y: -240 });
    doc().undo();
    expect(doc().notes?.[0]?.position).toEqual({ x: 0, y: -200 });
  });
});

describe('groups', () => {
  it('"Group selection" wraps the selected cards in one undo step', () => {
    doc().selectOnly(['p1', 'p2']);
    const id = groupSelection('Subject')!;
    const group = doc().groups!.find((g) => g.id === id)!;
    expect(group.title).toBe('Subject');
    for (const n of ['p1', 'p2']) {
      const box = cardBox(doc().nodes.find((x) => x.id === n)!);
      expect(box.x).toBeGreaterThan(group.position.x);
      expect(box.y).toBeGreaterThan(group.position.y);
      expect(box.x + box.width).toBeLessThan(group.position.x + group.size.width);
      expect(box.y + box.height).toBeLessThan(group.position.y + group.size.height);
    }
    expect(group.position.x + group.size.width).toBeLessThan(900); // p3 stays out
    doc().undo();
    expect(doc().groups).toBeUndefined();
  });

  it('"Group selection" with nothing selected does nothing', () => {
    doc().selectOnly([]);
    expect(groupSelection()).toBeUndefined();
    expect(doc().past).toHaveLength(0);
  });

  it('dragged by its title, moves the cards and notes inside it (one undo step) and nothing else', () => {
    const note = addNote({ x: 40, y: 200 });
    const outside = addNote({ x: 2000, y: 2000 });
    const id = addGroup({ x: -50, y: -60, width: 500, height: 700 }, { title: 'Left' });
    const steps = doc().past.length;
    send(dragChanges(groupFlowId(id), { x: -50, y: -60 }, 100, 30));
    expect(pos('p1')).toEqual({ x: 100, y: 30 });
    expect(pos('p2')).toEqual({ x: 100, y: 330 });
    expect(pos('p3')).toEqual({ x: 900, y: 0 });
    expect(doc().notes?.find((n) => n.id === note)?.position).toEqual({ x: 140, y: 230 });
    expect(doc().notes?.find((n) => n.id === outside)?.position).toEqual({ x: 2000, y: 2000 });
    expect(doc().groups?.[0]?.position).toEqual({ x: 50, y: -30 });
    expect(doc().past.length).toBe(steps + 1);
    doc().undo();
    expect(pos('p1')).toEqual({ x: 0, y: 0 });
    expect(doc().groups?.[0]?.position).toEqual({ x: -50, y: -60 });
    expect(doc().notes?.find((n) => n.id === note)?.position).toEqual({ x: 40, y: 200 });
  });

  it('keeps its members for the whole drag: a card it passes over is not swept along', () => {
    const id = addGroup({ x: -50, y: -60, width: 400, height: 200 }); // holds p1 only
    send(dragChanges(groupFlowId(id), { x: -50, y: -60 }, 0, 300)); // passes over p2
    expect(pos('p1')).toEqual({ x: 0, y: 300 });
    expect(pos('p2')).toEqual({ x: 0, y: 300 });
  });

  it('a card dragged together with its group (both selected) moves once', () => {
    const id = addGroup({ x: -50, y: -60, width: 400, height: 200 });
    const at = (t: number, dragging: boolean): NodeChange<FlowNode>[] => [
      { type: 'position', id: groupFlowId(id), position: { x: -50 + 10 * t, y: -60 }, dragging },
      { type: 'position', id: 'p1', position: { x: 10 * t, y: 0 }, dragging },
    ];
    send([at(1, true), at(2, true), at(2, false)]);
    expect(pos('p1')).toEqual({ x: 20, y: 0 });
  });

  it('is renamed and removed (never its cards), each one undo step', () => {
    const id = addGroup({ x: -50, y: -60, width: 400, height: 200 });
    setGroupTitle(id, '  Hero  ');
    expect(doc().groups?.[0]?.title).toBe('Hero');
    removeAnnotations([id]);
    expect(doc().groups).toEqual([]);
    expect(doc().nodes).toHaveLength(3);
    doc().undo();
    expect(doc().groups?.[0]?.title).toBe('Hero');
  });

  it('Delete removes selected cards, notes and groups together in one step', () => {
    const note = addNote({ x: 0, y: -300 });
    doc().selectOnly(['p3']);
    doc().selectAnnotations([note]);
    doc().removeSelected();
    expect(doc().nodes.map((n) => n.id)).toEqual(['p1', 'p2']);
    expect(doc().notes).toEqual([]);
    doc().undo();
    expect(doc().nodes).toHaveLength(3);
    expect(doc().notes).toHaveLength(1);
  });
});

describe('Tidy with notes and groups', () => {
  it('leaves no note over a card and keeps each group around its cards', () => {
    // A note right on top of p3, and one in the open; a group around p1 and p2.
    addNote({ x: 920, y: 20 });
    addNote({ x: -600, y: -600 });
    doc().selectOnly(['p1', 'p2']);
    const group = groupSelection('Left')!;
    doc().autoLayout();
    const cards = doc().nodes.map(cardBox);
    for (const note of doc().notes ?? [])
      for (const card of cards) expect(overlaps(noteBox(note), card)).toBe(false);
    const g = doc().groups!.find((x) => x.id === group)!;
    for (const id of ['p1', 'p2']) {
      const p = pos(id);
      expect(p.x).toBeGreaterThanOrEqual(g.position.x);
      expect(p.y).toBeGreaterThanOrEqual(g.position.y);
      expect(p.x).toBeLessThanOrEqual(g.position.x + g.size.width);
      expect(p.y).toBeLessThanOrEqual(g.position.y + g.size.height);
    }
    doc().undo();
    expect(doc().notes?.[0]?.position).toEqual({ x: 920, y: 20 });
  });
});

describe('Tidy with notes inside a group', () => {
  it('keeps each note inside its group, whichever card was nearest', () => {
    // A group around p1 and p2 (p3 stays outside); one note right of p1, one at the group's
    // right edge, nearer to p3 outside than to any card of the group.
    const group = addGroup({ x: -50, y: -60, width: 900, height: 700 }, { title: 'Left' });
    const byP1 = addNote({ x: 320, y: 100 });
    const byEdge = addNote({ x: 600, y: 0 });
    doc().autoLayout();
    const g = doc().groups!.find((x) => x.id === group)!;
    const frame = { ...g.position, ...g.size };
    for (const id of [byP1, byEdge]) {
      const note = doc().notes!.find((n) => n.id === id)!;
      const box = noteBox(note);
      expect(box.x).toBeGreaterThanOrEqual(frame.x);
      expect(box.y).toBeGreaterThanOrEqual(frame.y);
      expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width);
      expect(box.y + box.height).toBeLessThanOrEqual(frame.y + frame.height);
      for (const card of doc().nodes.map(cardBox)) expect(overlaps(box, card)).toBe(false);
    }
    // The group still holds its own cards and not p3.
    const holds = (p: { x: number; y: number }) =>
      p.x >= frame.x &&
      p.y >= frame.y &&
      p.x <= frame.x + frame.width &&
      p.y <= frame.y + frame.height;
    expect(['p1', 'p2', 'p3'].map((id) => holds(pos(id)))).toEqual([true, true, false]);
  });
});

describe('Tidy with nested groups', () => {
  it('keeps a group inside the group that held it, frame within frame', () => {
    doc().selectOnly(['p1']);
    const inner = groupSelection('Inner')!;
    const outer = addGroup({ x: -200, y: -200, width: 800, height: 900 }, { title: 'Outer' });
    doc().autoLayout();
    const rect = (id: string) => {
      const g = doc().groups!.find((x) => x.id === id)!;
      return {
        x: g.position.x,
        y: g.position.y,
        r: g.position.x + g.size.width,
        b: g.position.y + g.size.height,
      };
    };
    const [i, o] = [rect(inner), rect(outer)];
    // Strictly inside: its own title bar and frame apart from the outer one's.
    expect(i.x).toBeGreaterThan(o.x);
    expect(i.y).toBeGreaterThan(o.y);
    expect(i.r).toBeLessThan(o.r);
    expect(i.b).toBeLessThan(o.b);
    for (const id of ['p1', 'p2']) {
      const p = pos(id);
      expect(p.x).toBeGreaterThanOrEqual(o.x);
      expect(p.y).toBeGreaterThanOrEqual(o.y);
    }
    const p1 = pos('p1');
    expect(p1.x).toBeGreaterThanOrEqual(i.x);
    expect(p1.y).toBeGreaterThanOrEqual(i.y);
  });
});

describe('copy, paste and duplicate', () => {
  it('carry selected notes and groups with the cards, under new ids, in one undo step', () => {
    const note = addNote({ x: 0, y: -200 });
    setNoteText(note, 'why');
    const group = addGroup({ x: -50, y: -60, width: 400, height: 200 }, { title: 'Left' });
    doc().selectOnly(['p1']);
    doc().selectAnnotations([note, group]);
    expect(doc().copy()).toBe(1);
    doc().paste();
    expect(doc().nodes).toHaveLength(4);
    expect(doc().notes?.map((n) => [n.id, n.text, n.position])).toEqual([
      [note, 'why', { x: 0, y: -200 }],
      ['note_2', 'why', { x: 40, y: -160 }],
    ]);
    expect(doc().groups?.map((g) => [g.id, g.title])).toEqual([
      [group, 'Left'],
      ['group_2', 'Left'],
    ]);
    expect(doc().selectedAnnotations).toEqual(['note_2', 'group_2']);
    doc().undo();
    expect(doc().notes).toHaveLength(1);
    expect(doc().groups).toHaveLength(1);
    expect(doc().nodes).toHaveLength(3);
  });

  it('duplicate a lone note', () => {
    const note = addNote({ x: 0, y: -200 });
    doc().duplicate();
    expect(doc().notes?.map((n) => n.id)).toEqual([note, 'note_2']);
    expect(doc().nodes).toHaveLength(3);
  });
});
