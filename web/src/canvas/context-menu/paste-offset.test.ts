import { describe, expect, it } from 'vitest';
import type { Clipboard } from '../../model/clipboard';
import type { FlowNode } from '../../model/types';
import { createDocumentStore } from '../../store/document-store';
import { pasteOffset } from './paste-offset';

const card = (id: string, x: number, y: number) =>
  ({ id, type: 'prompt', position: { x, y }, data: { text: '' } }) as unknown as FlowNode;

describe('pasteOffset', () => {
  it('moves the top-left corner of the copied cards to the point', () => {
    const clip: Clipboard = { nodes: [card('a', 100, 50), card('b', 400, 10)], edges: [] };
    expect(pasteOffset(clip, { x: 700, y: 300 })).toEqual({ x: 600, y: 290 });
  });

  it('counts copied notes and groups in the corner', () => {
    const clip: Clipboard = {
      nodes: [card('a', 100, 50)],
      edges: [],
      notes: [{ id: 'n1', position: { x: 60, y: 80 }, text: 'why' }],
      groups: [
        { id: 'g1', position: { x: 80, y: -20 }, size: { width: 400, height: 300 }, title: 'G' },
      ],
    };
    expect(pasteOffset(clip, { x: 0, y: 0 })).toEqual({ x: -60, y: 20 });
  });

  it('leaves an empty clipboard where it is', () => {
    expect(pasteOffset({ nodes: [], edges: [] }, { x: 5, y: 5 })).toEqual({ x: 0, y: 0 });
  });

  it('pastes at the point through the store, keeping the copied layout', () => {
    const store = createDocumentStore();
    const p = store.getState().addNode('prompt', { x: 0, y: 0 });
    const g = store.getState().addNode('generate', { x: 300, y: 20 });
    store.getState().selectOnly([p, g]);
    store.getState().copy();
    const clip = store.getState().clipboard!;
    store.getState().paste(pasteOffset(clip, { x: 1000, y: 500 }));
    const pasted = store.getState().nodes.filter((n) => n.selected);
    expect(pasted.map((n) => n.position)).toEqual([
      { x: 1000, y: 500 },
      { x: 1300, y: 520 },
    ]);
    // Ctrl+V afterwards still pastes beside the copied nodes.
    store.getState().paste();
    expect(store.getState().nodes.filter((n) => n.selected)[0]!.position).toEqual({ x: 40, y: 40 });
  });
});
