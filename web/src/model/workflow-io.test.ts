import { describe, expect, it } from 'vitest';
import { createDocumentStore, snapshotOf } from '../store/document-store';
import { exportFileName, fromWorkflow, importWorkflowText, toWorkflow } from './workflow-io';

const doc = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Poster',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a poster' } },
    { id: 'g1', type: 'generate', position: { x: 300, y: 0 }, data: { size: '1024x1024' } },
  ],
  edges: [{ id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' }],
  inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
};

describe('importing a workflow file', () => {
  it('reads a valid document', () => {
    const result = importWorkflowText(JSON.stringify(doc));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.workflow.nodes).toHaveLength(2);
  });

  it('reports bad JSON', () => {
    const result = importWorkflowText('{ "format": ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ path: '', code: 'invalid_json' });
  });

  it('reports a wrong format at its path', () => {
    const result = importWorkflowText(JSON.stringify({ ...doc, format: 'comfyui' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.path).toBe('format');
  });

  it('names the path of a malformed node', () => {
    const bad = { ...doc, nodes: [doc.nodes[0], { ...doc.nodes[1], id: '' }] };
    const result = importWorkflowText(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toContain('nodes[1].id');
  });

  it('names the path of an unknown node type', () => {
    const bad = { ...doc, nodes: [doc.nodes[0], { ...doc.nodes[1], type: 'upscale' }] };
    const result = importWorkflowText(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toEqual([
        expect.objectContaining({ path: 'nodes[1].type', code: 'unknown_node_type' }),
      ]);
  });

  it('leaves the canvas untouched when the import fails', () => {
    const store = createDocumentStore();
    store.getState().addNode('prompt', { x: 0, y: 0 });
    const result = importWorkflowText('not json');
    if (result.ok) store.getState().load(result.workflow);
    expect(store.getState().nodes).toHaveLength(1);
  });
});

describe('document ↔ editor state', () => {
  it('round-trips a document, filling defaults for missing fields', () => {
    const result = importWorkflowText(JSON.stringify(doc));
    if (!result.ok) throw new Error('expected a valid document');
    const editor = fromWorkflow(result.workflow);
    expect(editor.nodes[1]!.data).toMatchObject({ size: '1024x1024', quality: 'auto' });
    const back = toWorkflow(editor);
    expect(back.edges).toEqual(doc.edges);
    expect(back.inputs).toEqual(doc.inputs);
    expect(back.nodes[0]).toEqual(doc.nodes[0]);
  });

  it('saves no selection or view state', () => {
    const store = createDocumentStore();
    store.getState().addNode('prompt', { x: 1.4, y: 2.6 });
    const saved = toWorkflow(snapshotOf(store.getState()));
    expect(saved.nodes[0]).toEqual({
      id: 'prompt_1',
      type: 'prompt',
      position: { x: 1, y: 3 },
      data: { text: '' },
    });
  });
});

describe('exportFileName', () => {
  it('keeps letters and digits of any script, and replaces the rest', () => {
    expect(exportFileName('Café Ünïcode 日本 / v2')).toBe('Café-Ünïcode-日本-v2.atelier.json');
    expect(exportFileName('  ../..  ')).toBe('workflow.atelier.json');
  });
});

describe('what import, save and export keep', () => {
  it("keeps the document's description and every node's view through load and toWorkflow", () => {
    const withView = {
      ...doc,
      description: 'A poster for the window',
      nodes: [{ ...doc.nodes[0]!, view: { title: 'Subject' } }, doc.nodes[1]!],
    };
    const store = createDocumentStore();
    const parsed = importWorkflowText(JSON.stringify(withView));
    if (!parsed.ok) throw new Error('expected a valid document');
    store.getState().load(parsed.workflow);
    const out = toWorkflow(snapshotOf(store.getState()));
    expect(out.description).toBe('A poster for the window');
    expect(out.nodes[0]!.view).toEqual({ title: 'Subject' });
    expect(out.nodes[1]!.view).toBeUndefined();
  });

  it('drops the description of the previous document when another one is loaded', () => {
    const store = createDocumentStore();
    store.getState().load({ ...doc, description: 'first' } as never);
    store.getState().load(doc as never);
    expect(toWorkflow(snapshotOf(store.getState())).description).toBeUndefined();
  });
});

describe('named outputs in the editor', () => {
  const withOutputs = { ...doc, outputs: [{ name: 'poster', node: 'g1', port: 'image' }] };

  it('keeps them through load and save, and drops those of a deleted node', () => {
    const result = importWorkflowText(JSON.stringify(withOutputs));
    if (!result.ok) throw new Error('expected a valid document');
    const store = createDocumentStore();
    store.getState().load(result.workflow);
    expect(toWorkflow(snapshotOf(store.getState())).outputs).toEqual(withOutputs.outputs);
    store.getState().removeNodes(['g1']);
    expect(toWorkflow(snapshotOf(store.getState())).outputs).toBeUndefined();
  });

  it('loading a document without outputs forgets the previous one’s', () => {
    const store = createDocumentStore();
    const first = importWorkflowText(JSON.stringify(withOutputs));
    const second = importWorkflowText(JSON.stringify(doc));
    if (!first.ok || !second.ok) throw new Error('expected valid documents');
    store.getState().load(first.workflow);
    store.getState().load(second.workflow);
    expect(toWorkflow(snapshotOf(store.getState())).outputs).toBeUndefined();
  });
});

describe('notes and groups in the editor document', () => {
  const annotated = {
    ...doc,
    notes: [{ id: 'n1', text: 'why', position: { x: 10.4, y: -80.6 }, color: 'yellow' }],
    groups: [
      { id: 'f1', title: 'Subject', position: { x: 0, y: 0 }, size: { width: 500.2, height: 300 } },
    ],
  };

  it('survive import, editing state and export (whole pixels)', () => {
    const imported = importWorkflowText(JSON.stringify(annotated));
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const store = createDocumentStore();
    store.getState().load(imported.workflow, { workflowId: 'w1', version: 1 });
    const out = toWorkflow(snapshotOf(store.getState()));
    expect(out.notes).toEqual([{ ...annotated.notes[0], position: { x: 10, y: -81 } }]);
    expect(out.groups).toEqual([{ ...annotated.groups[0], size: { width: 500, height: 300 } }]);
  });

  it('are left out of a document that has none, and loading one without clears the last', () => {
    const store = createDocumentStore();
    store.getState().load(fromWorkflowDoc(annotated));
    store.getState().load(fromWorkflowDoc(doc));
    const out = toWorkflow(snapshotOf(store.getState()));
    expect('notes' in out).toBe(false);
    expect('groups' in out).toBe(false);
  });
});

function fromWorkflowDoc(json: unknown) {
  const result = importWorkflowText(JSON.stringify(json));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.workflow;
}
