import { describe, expect, it } from 'vitest';
import { diffSize, diffWorkflows } from './diff';
import type { Workflow } from './document';
import { workflowOf } from './testing/catalogue';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const before: Workflow = {
  ...workflowOf([{ id: 'p1', type: 'prompt', data: { text: 'a cat' } }]),
  notes: [
    { id: 'n1', text: 'first idea', position: { x: 0, y: 0 } },
    { id: 'n2', text: 'gone soon', position: { x: 0, y: 100 } },
  ],
  groups: [
    { id: 'f1', title: 'Subject', position: { x: 0, y: 0 }, size: { width: 300, height: 200 } },
  ],
};

describe('diffWorkflows of notes and groups', () => {
  it('says nothing about annotations when none differ', () => {
    const none = diffWorkflows(before, clone(before));
    expect(none.annotations).toBeUndefined();
    expect(none.identical).toBe(true);
  });

  it('lists notes and groups added, removed and edited, each with its kind', () => {
    const after = clone(before);
    after.notes = [
      { id: 'n1', text: 'better idea', position: { x: 0, y: 0 }, color: 'pink' },
      { id: 'n3', text: 'new', position: { x: 9, y: 9 } },
    ];
    after.groups![0]!.title = 'Hero subject';
    const diff = diffWorkflows(before, after);
    expect(diff.annotations?.added).toEqual([{ kind: 'note', ...after.notes[1] }]);
    expect(diff.annotations?.removed).toEqual([{ kind: 'note', ...before.notes![1] }]);
    expect(diff.annotations?.changed).toEqual([
      {
        kind: 'note',
        id: 'n1',
        changes: [
          { field: 'color', from: undefined, to: 'pink' },
          { field: 'text', from: 'first idea', to: 'better idea' },
        ],
      },
      {
        kind: 'group',
        id: 'f1',
        changes: [{ field: 'title', from: 'Subject', to: 'Hero subject' }],
      },
    ]);
    expect(diff.same).toBe(false);
    expect(diffSize(diff)).toBe(4);
    // The nodes' own diff does not change because of notes.
    expect(diff.nodes).toEqual({ added: [], removed: [], changed: [], moved: [] });
  });

  it('treats moving or resizing a note or group like moving a node: same, not identical', () => {
    const after = clone(before);
    after.groups![0]!.position = { x: 50, y: 0 };
    after.groups![0]!.size = { width: 400, height: 200 };
    const diff = diffWorkflows(before, after);
    expect(diff.annotations?.moved).toEqual([
      {
        kind: 'group',
        id: 'f1',
        changes: [
          { field: 'position', from: { x: 0, y: 0 }, to: { x: 50, y: 0 } },
          { field: 'size', from: { width: 300, height: 200 }, to: { width: 400, height: 200 } },
        ],
      },
    ]);
    expect(diff.same).toBe(true);
    expect(diff.identical).toBe(false);
    expect(diffSize(diff)).toBe(0);
  });

  it('a document without annotations against one with them lists them all as added', () => {
    const plain = clone(before);
    delete plain.notes;
    delete plain.groups;
    const diff = diffWorkflows(plain, before);
    expect(diff.annotations?.added.map((a) => `${a.kind}:${a.id}`)).toEqual([
      'note:n1',
      'note:n2',
      'group:f1',
    ]);
  });
});
