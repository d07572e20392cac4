import { describe, expect, it } from 'vitest';
import { createDocumentStore, isDirty, reserveIds } from './document-store';
import { fieldOf } from '../model/node-data';

const fresh = () => createDocumentStore();
const at = { x: 0, y: 0 };

/** prompt → generate, built through the store's own actions. */
const promptToGenerate = () => {
  const store = fresh();
  const p = store.getState().addNode('prompt', at);
  const g = store.getState().addNode('generate', { x: 300, y: 0 });
  const result = store
    .getState()
    .connect({ source: p, sourceHandle: 'text', target: g, targetHandle: 'prompt' });
  return { store, p, g, result };
};

describe('document store: adding nodes', () => {
  it('adds a node with its definition defaults and selects it', () => {
    const store = fresh();
    const id = store.getState().addNode('generate', { x: 10, y: 20 });
    const node = store.getState().nodes.find((n) => n.id === id)!;
    expect(node.type).toBe('generate');
    expect(node.position).toEqual({ x: 10, y: 20 });
    expect(node.data).toMatchObject({
      size: 'auto',
      quality: 'auto',
      partial_images: 2,
      variant: 0,
    });
    expect(node.selected).toBe(true);
  });

  it('gives every new node a fresh id', () => {
    const store = fresh();
    const a = store.getState().addNode('prompt', at);
    const b = store.getState().addNode('prompt', at);
    expect(a).not.toBe(b);
  });

  it('never gives a new node an id that has results on screen', () => {
    const store = fresh();
    reserveIds(() => ['generate_1']);
    try {
      expect(store.getState().addNode('generate', at)).toBe('generate_2');
    } finally {
      reserveIds(() => []);
    }
  });

  it('wires a node added next to a selected one when a port fits', () => {
    const store = fresh();
    const p = store.getState().addNode('prompt', at);
    const g = store.getState().addNode('generate', at, { connectFrom: p });
    expect(store.getState().edges).toEqual([
      expect.objectContaining({
        source: p,
        sourceHandle: 'text',
        target: g,
        targetHandle: 'prompt',
      }),
    ]);
  });

  it('wires backwards when the new node feeds the selected one', () => {
    const store = fresh();
    const g = store.getState().addNode('generate', at);
    const p = store.getState().addNode('prompt', at, { connectFrom: g });
    expect(store.getState().edges).toEqual([
      expect.objectContaining({ source: p, target: g, targetHandle: 'prompt' }),
    ]);
  });
});

describe('document store: connecting', () => {
  it('connects ports of the same kind', () => {
    const { store, result } = promptToGenerate();
    expect(result.ok).toBe(true);
    expect(store.getState().edges).toHaveLength(1);
  });

  it('refuses ports of different kinds and says which', () => {
    const store = fresh();
    const r = store.getState().addNode('reference', at);
    const g = store.getState().addNode('generate', at);
    const result = store
      .getState()
      .connect({ source: r, sourceHandle: 'image', target: g, targetHandle: 'prompt' });
    expect(result).toEqual({ ok: false, reason: "Can't connect image → text" });
    expect(store.getState().edges).toHaveLength(0);
  });

  it('refuses a connection that would make a cycle', () => {
    const store = fresh();
    const a = store.getState().addNode('generate', at);
    const b = store.getState().addNode('edit', at);
    expect(
      store
        .getState()
        .connect({ source: a, sourceHandle: 'image', target: b, targetHandle: 'image' }).ok,
    ).toBe(true);
    const back = store
      .getState()
      .connect({ source: b, sourceHandle: 'image', target: a, targetHandle: 'references' });
    expect(back).toEqual({ ok: false, reason: 'That connection would make a cycle' });
  });

  it('replaces the edge into a single input instead of adding a second', () => {
    const { store, g } = promptToGenerate();
    const p2 = store.getState().addNode('prompt', at);
    store
      .getState()
      .connect({ source: p2, sourceHandle: 'text', target: g, targetHandle: 'prompt' });
    expect(store.getState().edges).toEqual([expect.objectContaining({ source: p2, target: g })]);
  });

  it('lets a multiple input take several edges', () => {
    const store = fresh();
    const g = store.getState().addNode('generate', at);
    for (let i = 0; i < 3; i++) {
      const r = store.getState().addNode('reference', at);
      store
        .getState()
        .connect({ source: r, sourceHandle: 'image', target: g, targetHandle: 'references' });
    }
    expect(store.getState().edges).toHaveLength(3);
  });
});

describe('document store: deleting', () => {
  it('deletes selected nodes with their edges and named inputs in one undo step', () => {
    const { store, p, g } = promptToGenerate();
    store.getState().setInput(p, 'text', 'subject');
    store.getState().selectOnly([p]);
    store.getState().removeSelected();
    const s = store.getState();
    expect(s.nodes.map((n) => n.id)).toEqual([g]);
    expect(s.edges).toHaveLength(0);
    expect(s.inputs).toHaveLength(0);
    s.undo();
    expect(store.getState().nodes).toHaveLength(2);
    expect(store.getState().edges).toHaveLength(1);
    expect(store.getState().inputs).toHaveLength(1);
  });

  it('deletes a selected edge alone', () => {
    const { store } = promptToGenerate();
    store.getState().selectOnly([]);
    store
      .getState()
      .onEdgesChange([{ type: 'select', id: store.getState().edges[0]!.id, selected: true }]);
    store.getState().removeSelected();
    expect(store.getState().edges).toHaveLength(0);
    expect(store.getState().nodes).toHaveLength(2);
  });
});

describe('document store: undo and redo', () => {
  it('undoes and redoes every document change', () => {
    const { store } = promptToGenerate();
    expect(store.getState().past).toHaveLength(3);
    store.getState().undo();
    expect(store.getState().edges).toHaveLength(0);
    store.getState().undo();
    expect(store.getState().nodes).toHaveLength(1);
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().nodes).toHaveLength(2);
    expect(store.getState().edges).toHaveLength(1);
  });

  it('makes a burst of typing in one field a single undo step', () => {
    const store = fresh();
    const p = store.getState().addNode('prompt', at);
    for (const text of ['a', 'ab', 'abc']) store.getState().updateField(p, 'text', text);
    store.getState().undo();
    expect(fieldOf(store.getState().nodes[0]!, 'text')).toBe('');
  });

  it('makes each image put into a field its own undo step, however quick', () => {
    const store = fresh();
    const r = store.getState().addNode('reference', at);
    const image = (n: number) => ({
      blob: String(n).repeat(64),
      mime: 'image/png',
      width: 4,
      height: 4,
    });
    store.getState().updateField(r, 'image', image(1));
    store.getState().updateField(r, 'image', image(2));
    store.getState().undo();
    expect(fieldOf(store.getState().nodes[0]!, 'image')).toEqual(image(1));
  });

  it('makes one drag a single undo step', () => {
    const store = fresh();
    const p = store.getState().addNode('prompt', at);
    const move = (x: number, dragging: boolean) =>
      store
        .getState()
        .onNodesChange([{ type: 'position', id: p, position: { x, y: 0 }, dragging }]);
    move(10, true);
    move(20, true);
    move(30, false);
    expect(store.getState().nodes[0]!.position.x).toBe(30);
    store.getState().undo();
    expect(store.getState().nodes[0]!.position.x).toBe(0);
  });

  it('makes one drag of several nodes a single undo step', () => {
    const { store, p, g } = promptToGenerate();
    const move = (dx: number, dragging: boolean) =>
      store.getState().onNodesChange([
        { type: 'position', id: p, position: { x: dx, y: 0 }, dragging },
        { type: 'position', id: g, position: { x: 300 + dx, y: 0 }, dragging },
      ]);
    move(10, true);
    move(50, false);
    store.getState().undo();
    expect(store.getState().nodes.map((n) => n.position.x)).toEqual([0, 300]);
  });

  it('drops the redo stack after a new change', () => {
    const store = fresh();
    store.getState().addNode('prompt', at);
    store.getState().undo();
    store.getState().addNode('generate', at);
    expect(store.getState().future).toHaveLength(0);
  });
});

describe('document store: copy, paste and duplicate', () => {
  it('pastes copies with new ids, offset, and the edges between them', () => {
    const { store, p, g } = promptToGenerate();
    store.getState().selectOnly([p, g]);
    expect(store.getState().copy()).toBe(2);
    expect(store.getState().paste()).toBe(2);
    const s = store.getState();
    expect(s.nodes).toHaveLength(4);
    const pasted = s.nodes.filter((n) => n.selected);
    expect(pasted.map((n) => n.id)).not.toContain(p);
    expect(pasted[0]!.position).toEqual({ x: 40, y: 40 });
    const ids = new Set(pasted.map((n) => n.id));
    const internal = s.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    expect(internal).toHaveLength(1);
    expect(internal[0]).toMatchObject({ sourceHandle: 'text', targetHandle: 'prompt' });
  });

  it('leaves behind edges to nodes outside the copied selection', () => {
    const { store, g } = promptToGenerate();
    store.getState().selectOnly([g]);
    store.getState().duplicate();
    expect(store.getState().edges).toHaveLength(1);
    expect(store.getState().nodes).toHaveLength(3);
  });

  it('copies data deeply so the copy edits independently', () => {
    const { store, p } = promptToGenerate();
    store.getState().updateField(p, 'text', 'original');
    store.getState().selectOnly([p]);
    store.getState().duplicate();
    const copy = store.getState().nodes.find((n) => n.selected)!;
    store.getState().updateField(copy.id, 'text', 'changed');
    expect(
      fieldOf(
        store.getState().nodes.find((n) => n.id === p)!,
        'text',
      ),
    ).toBe('original');
  });
});

describe('document store: named inputs', () => {
  it('exposes an exposable field under a name and removes it again', () => {
    const { store, p } = promptToGenerate();
    expect(store.getState().setInput(p, 'text', 'subject')).toBeUndefined();
    expect(store.getState().inputs).toEqual([{ name: 'subject', node: p, field: 'text' }]);
    store.getState().setInput(p, 'text', null);
    expect(store.getState().inputs).toEqual([]);
  });

  it('refuses a bad or duplicate name and a field that cannot be an input', () => {
    const { store, p, g } = promptToGenerate();
    expect(store.getState().setInput(p, 'text', '2 words')).toMatch(/letters/);
    store.getState().setInput(p, 'text', 'subject');
    const r = store.getState().addNode('reference', at);
    expect(store.getState().setInput(r, 'image', 'subject')).toMatch(/already an input/);
    expect(store.getState().setInput(g, 'size', 'size')).toMatch(/can't be a recipe input/);
    expect(store.getState().inputs).toHaveLength(1);
  });
});

describe('document store: saved state', () => {
  it('keeps unsaved edits unsaved when the open workflow is renamed in the library', () => {
    const { store, p } = promptToGenerate();
    store.getState().setSaved({ workflowId: 'w1', version: 1 });
    store.getState().renamedInLibrary('Posters', 2);
    expect([store.getState().name, store.getState().version, isDirty(store.getState())]).toEqual([
      'Posters',
      2,
      false,
    ]);
    store.getState().updateField(p, 'text', 'not saved yet');
    store.getState().renamedInLibrary('Posters 2', 3);
    expect(isDirty(store.getState())).toBe(true);
  });

  it('counts an older version renamed in the library as unsaved (the rename kept the latest)', () => {
    const store = fresh();
    const older = {
      format: 'atelier.workflow' as const,
      version: 1 as const,
      name: 'Poster',
      nodes: [{ id: 'p', type: 'prompt', position: at, data: { text: 'as in version 2' } }],
      edges: [],
      inputs: [],
    };
    store.getState().load(older, { workflowId: 'w1', version: 2, baseVersion: 5 });
    expect(isDirty(store.getState())).toBe(false);
    store.getState().renamedInLibrary('Posters', 6);
    expect(isDirty(store.getState())).toBe(true);
  });

  it('is clean after saving and dirty after an edit', () => {
    const { store, p } = promptToGenerate();
    store.getState().setSaved({ workflowId: 'w1', version: 1 });
    expect(isDirty(store.getState())).toBe(false);
    store.getState().selectOnly([p]);
    expect(isDirty(store.getState())).toBe(false);
    store.getState().updateField(p, 'text', 'new');
    expect(isDirty(store.getState())).toBe(true);
  });
});

describe('document store: undo keeps the document apart from session state', () => {
  it('records snapshots without selection, measured size or dragging', () => {
    const { store, p } = promptToGenerate();
    store.setState({
      nodes: store
        .getState()
        .nodes.map((n) => ({ ...n, measured: { width: 270, height: 120 }, dragging: false })),
    });
    store.getState().updateField(p, 'text', 'a fox');
    const recorded = store.getState().past.at(-1)!;
    for (const node of recorded.nodes) {
      expect(node).not.toHaveProperty('selected');
      expect(node).not.toHaveProperty('measured');
      expect(node).not.toHaveProperty('dragging');
    }
    for (const edge of recorded.edges) expect(edge).not.toHaveProperty('selected');
  });

  it('leaves the selection as it is on undo instead of bringing back an old one', () => {
    const { store, p, g } = promptToGenerate();
    store.getState().selectOnly([g]);
    store.getState().updateField(p, 'text', 'a fox');
    store.getState().selectOnly([p]);
    store.getState().undo();
    const selected = store
      .getState()
      .nodes.filter((n) => n.selected)
      .map((n) => n.id);
    expect(selected).toEqual([p]);
    expect(
      fieldOf(
        store.getState().nodes.find((n) => n.id === p)!,
        'text',
      ),
    ).not.toBe('a fox');
  });
});

describe('document store: saving while editing', () => {
  it('keeps edits made after the save request was sent unsaved', () => {
    const { store, p } = promptToGenerate();
    const sent = { ...store.getState() };
    store.getState().updateField(p, 'text', 'typed while saving');
    store.getState().setSaved({ workflowId: 'w1', version: 1 }, sent);
    expect(isDirty(store.getState())).toBe(true);
    store.getState().setSaved({ workflowId: 'w1', version: 2 });
    expect(isDirty(store.getState())).toBe(false);
  });
});

describe('document store: node titles of the person’s own', () => {
  it('keeps a title in the node view, undoably, and a blank one returns to the type title', () => {
    const { store, p } = promptToGenerate();
    store.getState().setNodeTitle(p, '  Subject  ');
    expect(store.getState().nodes.find((n) => n.id === p)!.view).toEqual({ title: 'Subject' });
    store.getState().setNodeTitle(p, '');
    expect(store.getState().nodes.find((n) => n.id === p)!.view).toBeUndefined();
    store.getState().undo();
    expect(store.getState().nodes.find((n) => n.id === p)!.view).toEqual({ title: 'Subject' });
  });
});
