import { describe, expect, it } from 'vitest';
import { groupHolds, groupMembers } from './annotations';
import type { WorkflowGroup } from './document';
import { MAX_ANNOTATIONS } from './limits';
import { parseWorkflow } from './parse';

const base = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Annotated',
  nodes: [{ id: 'p1', type: 'prompt', position: { x: 40, y: 60 }, data: { text: 'a cat' } }],
  edges: [],
  inputs: [],
};
const note = { id: 'n1', text: 'Why the mask: keep the label', position: { x: 0, y: -200 } };
const group = {
  id: 'g-frame',
  title: 'Subject',
  position: { x: 0, y: 0 },
  size: { width: 400, height: 300 },
  color: 'blue',
};

describe('notes and groups in the document', () => {
  it('are kept through parse, with their optional fields', () => {
    const sized = { ...note, size: { width: 240, height: 160 }, color: 'yellow' };
    const result = parseWorkflow({ ...base, notes: [sized], groups: [group] });
    expect(result.ok && result.workflow.notes).toEqual([sized]);
    expect(result.ok && result.workflow.groups).toEqual([group]);
  });

  it('stay absent from a document that has none (old documents parse unchanged)', () => {
    const result = parseWorkflow(base);
    expect(result.ok).toBe(true);
    expect(result.ok && Object.keys(result.workflow)).not.toContain('notes');
    expect(result.ok && Object.keys(result.workflow)).not.toContain('groups');
  });

  it('name the path and what is expected when a note is malformed', () => {
    const result = parseWorkflow({ ...base, notes: [{ ...note, color: 'chartreuse' }] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]).toMatchObject({ path: 'notes[0].color' });
    expect(!result.ok && result.issues[0]?.message).toContain('yellow');
    const noText = parseWorkflow({ ...base, notes: [{ id: 'n1', position: { x: 0, y: 0 } }] });
    expect(!noText.ok && noText.issues[0]?.path).toBe('notes[0].text');
  });

  it('require a group to have a positive size', () => {
    const result = parseWorkflow({
      ...base,
      groups: [{ ...group, size: { width: 0, height: 1 } }],
    });
    expect(!result.ok && result.issues[0]?.path).toBe('groups[0].size.width');
  });

  it('refuse a note and a group that share an id', () => {
    const result = parseWorkflow({ ...base, notes: [note], groups: [{ ...group, id: 'n1' }] });
    expect(result).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({
          path: 'groups[0].id',
          code: 'duplicate_id',
          message: expect.stringContaining('notes[0]'),
        }),
      ],
    });
  });

  it('may reuse a node id (nodes are another namespace)', () => {
    expect(parseWorkflow({ ...base, notes: [{ ...note, id: 'p1' }] }).ok).toBe(true);
  });

  it('are limited in number before anything else is parsed', () => {
    const notes = Array.from({ length: MAX_ANNOTATIONS + 1 }, (_, i) => ({ ...note, id: `n${i}` }));
    const result = parseWorkflow({ ...base, notes });
    expect(!result.ok && result.issues[0]).toMatchObject({
      path: 'notes',
      code: 'too_many_annotations',
    });
  });
});

describe('group membership', () => {
  const frame: WorkflowGroup = {
    id: 'f',
    title: '',
    position: { x: 100, y: 100 },
    size: { width: 200, height: 100 },
  };

  it('holds what has its top-left corner inside the rectangle, edges included', () => {
    expect(groupHolds(frame, { x: 100, y: 100 })).toBe(true);
    expect(groupHolds(frame, { x: 300, y: 200 })).toBe(true);
    expect(groupHolds(frame, { x: 301, y: 150 })).toBe(false);
    expect(groupHolds(frame, { x: 150, y: 99 })).toBe(false);
  });

  it('lists members in their order and never the group itself', () => {
    const items = [
      { id: 'a', position: { x: 150, y: 150 } },
      { id: 'f', position: { x: 100, y: 100 } },
      { id: 'out', position: { x: 0, y: 0 } },
      { id: 'b', position: { x: 120, y: 110 } },
    ];
    expect(groupMembers(frame, items)).toEqual(['a', 'b']);
  });
});
