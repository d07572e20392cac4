import { diffWorkflows } from '@atelier/graph';
import type { Workflow } from '@atelier/graph';
import { describe, expect, it } from 'vitest';
import { describeDiff, showValue } from './describe-diff';
import { diffMarks } from './diff-marks';

const doc = (nodes: Workflow['nodes'], extra: Partial<Workflow> = {}): Workflow => ({
  format: 'atelier.workflow',
  version: 1,
  name: 'Poster',
  nodes,
  edges: [],
  inputs: [],
  ...extra,
});
const at = (x: number) => ({ x, y: 0 });

const before = doc([
  { id: 'p1', type: 'prompt', position: at(0), data: { text: 'a cat' } },
  { id: 'p2', type: 'prompt', position: at(0), data: { text: 'old' } },
  { id: 'm1', type: 'prompt', position: at(0), data: {} },
]);
const after = doc(
  [
    { id: 'p1', type: 'prompt', position: at(5), data: { text: 'a dog' } },
    { id: 'm1', type: 'prompt', position: at(9), data: {} },
    { id: 'p3', type: 'prompt', position: at(0), data: { text: 'new' }, view: { title: 'Extra' } },
  ],
  { name: 'Poster 2', inputs: [{ name: 'subject', node: 'p1', field: 'text' }] },
);

describe('diff on the canvas and as a list', () => {
  const diff = diffWorkflows(before, after);

  it('marks added, changed and only-moved nodes; a changed node that moved stays changed', () => {
    expect(diffMarks(diff)).toEqual({ p1: 'changed', m1: 'moved', p3: 'added' });
  });

  it('lists every difference with old → new values', () => {
    const lines = describeDiff(diff);
    expect(lines.map((l) => [l.kind, l.subject])).toEqual([
      ['changed', 'Name'],
      ['added', 'Node “Extra” p3 (prompt)'],
      ['removed', 'Node p2 (prompt)'],
      ['changed', 'Node p1 (prompt)'],
      ['moved', 'Node p1'],
      ['moved', 'Node m1'],
      ['added', 'Input “subject”'],
    ]);
    expect(lines[3]?.details).toEqual(['data.text: “a cat” → “a dog”']);
    expect(lines[0]?.details).toEqual(['“Poster” → “Poster 2”']);
  });

  it('shows values as people read them', () => {
    expect(showValue(undefined)).toBe('—');
    expect(showValue('x'.repeat(200))).toHaveLength(82);
    expect(showValue({ blob: 'abcdef0123456789', mime: 'image/png', width: 64, height: 32 })).toBe(
      'image 64×32 (abcdef01…)',
    );
    expect(showValue(3)).toBe('3');
  });

  it('marks a recipe node whose pinned version or input values changed, and says how', () => {
    const recipe = (version: number, inputs: Record<string, unknown>) => ({
      id: 'r1',
      type: 'recipe',
      position: at(0),
      data: { workflowId: 'wf_shot', version, inputs },
    });
    const v1 = doc([recipe(2, { subject: 'a vase', mood: 'calm' })]);
    const v2 = doc([recipe(3, { subject: 'a lamp', mood: 'calm' })]);
    const recipeDiff = diffWorkflows(v1, v2);
    expect(diffMarks(recipeDiff)).toEqual({ r1: 'changed' });
    const names = (id: string) => (id === 'wf_shot' ? 'Product shot' : undefined);
    const [line] = describeDiff(recipeDiff, names, () => 'wf_shot');
    expect(line?.subject).toBe('Recipe r1 (“Product shot”)');
    expect(line?.details).toEqual([
      'input subject: “a vase” → “a lamp”',
      'pinned version: v2 → v3',
    ]);
    expect(
      describeDiff(diffWorkflows(doc([]), v1), names).map((l) => [l.kind, l.subject, l.details]),
    ).toEqual([
      ['added', 'Recipe r1 (“Product shot”)', ['input subject: “a vase”', 'input mood: “calm”']],
    ]);
  });
});

describe('notes and groups in the diff list', () => {
  it('lists notes and groups added, removed, edited and moved, after the nodes', () => {
    const from = doc([], {
      notes: [
        { id: 'n1', text: 'first', position: at(0) },
        { id: 'n2', text: 'gone', position: at(0) },
      ],
      groups: [{ id: 'f1', title: 'Hero', position: at(0), size: { width: 300, height: 200 } }],
    });
    const to = doc([], {
      notes: [
        { id: 'n1', text: 'second', position: at(0) },
        { id: 'n3', text: 'new idea', position: at(0) },
      ],
      groups: [{ id: 'f1', title: 'Hero', position: at(40), size: { width: 300, height: 200 } }],
    });
    expect(describeDiff(diffWorkflows(from, to))).toEqual([
      { kind: 'added', subject: 'Note n3', details: ['“new idea”'] },
      { kind: 'removed', subject: 'Note n2', details: [] },
      { kind: 'changed', subject: 'Note n1', details: ['text: “first” → “second”'] },
      { kind: 'moved', subject: 'Group f1', details: ['position: {"x":0,"y":0} → {"x":40,"y":0}'] },
    ]);
  });

  it('outlines them on the canvas as the list names them (by their canvas ids)', () => {
    const from = doc([], {
      notes: [{ id: 'n1', text: 'first', position: at(0) }],
      groups: [
        { id: 'f1', title: 'Hero', position: at(0), size: { width: 300, height: 200 } },
        { id: 'f2', title: 'Old', position: at(0), size: { width: 300, height: 200 } },
      ],
    });
    const to = doc([], {
      notes: [
        { id: 'n1', text: 'first', position: at(30) },
        { id: 'n3', text: 'new idea', position: at(0) },
      ],
      groups: [
        { id: 'f1', title: 'Hero', position: at(40), size: { width: 300, height: 200 } },
        { id: 'f2', title: 'Renamed', position: at(40), size: { width: 300, height: 200 } },
      ],
    });
    expect(diffMarks(diffWorkflows(from, to))).toEqual({
      '@note:n1': 'moved',
      '@note:n3': 'added',
      '@group:f1': 'moved',
      '@group:f2': 'changed',
    });
  });
});
