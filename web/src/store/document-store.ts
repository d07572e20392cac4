import type { Workflow, WorkflowInput, WorkflowOutput, WorkflowSignature } from '@atelier/graph';
import type { Connection, EdgeChange, NodeChange } from '@xyflow/react';
import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import { create } from 'zustand';
import { defaultData } from '../model/catalogue';
import { freshId } from '../model/ids';
import { layoutLeftToRight } from '../model/layout';
import { tidyAnnotations } from '../model/annotation-layout';
import { groupsAfterMoves, spreadOverlapping } from '../model/spread-cards';
import { fromWorkflow } from '../model/workflow-io';
import type { Clipboard } from '../model/clipboard';
import { copySelection, pasteClipboard } from '../model/clipboard';
import type { ConnectCheck } from '../model/connections';
import { checkConnection } from '../model/connections';
import type { EdgeEnds } from '../model/document-helpers';
import { autoConnectPair, checkInputName, checkOutputName } from '../model/document-helpers';
import { recipeInputValues, recipePorts, withField } from '../model/recipe-node';
import { edgesDroppedBy, upgradedInputValues } from '../model/signature-diff';
import type { DocSnapshot, EditorNodeType, FlowEdge, FlowNode } from '../model/types';
import { documentNode, typedNode, withFields } from '../model/node-data';
import { portsOfNode } from './recipes-store';

const HISTORY_LIMIT = 200;
/** Edits with the same key this close together are one undo step (typing, nudging). */
const COALESCE_MS = 1200;

export interface DocumentState extends DocSnapshot {
  /** The library entry this document was opened from / saved to. */
  workflowId?: string;
  version?: number;
  /**
   * The library version a save builds on (its If-Match) when it is not `version`: the latest
   * one, after an older version was opened to restore it.
   */
  baseVersion?: number;
  /** The document as last saved to / opened from the library (for "unsaved changes"). */
  saved?: DocSnapshot;
  past: DocSnapshot[];
  future: DocSnapshot[];
  coalesce?: { key: string; at: number };
  dragging: boolean;
  clipboard?: Clipboard;
  pasteCount: number;
  /** Counts load() calls: the canvas fits its view to each newly loaded document. */
  loads: number;
  /** Ids of the notes and groups selected on the canvas (session state, never saved). */
  selectedAnnotations: readonly string[];

  addNode(
    type: EditorNodeType,
    position: { x: number; y: number },
    opts?: {
      data?: Record<string, unknown>;
      connectFrom?: string;
      /** The edge to add with the node, in the same undo step (a wire dropped on the canvas). */
      wire?: (id: string) => EdgeEnds;
    },
  ): string;
  updateField(nodeId: string, field: string, value: unknown): void;
  /** Several fields (e.g. a dead model replaced in every node) as one undo step. */
  updateFields(changes: { nodeId: string; field: string; value: unknown }[]): void;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  connect(connection: Connection): ConnectCheck;
  removeSelected(): void;
  removeNodes(ids: string[]): void;
  setName(name: string): void;
  /** A node's own title (view state, never in a cache key); blank returns to its type's title. */
  setNodeTitle(nodeId: string, title: string): void;
  /** Exposes a field as a named input (or un-exposes with null); returns what is wrong, if anything. */
  setInput(nodeId: string, field: string, name: string | null): string | undefined;
  /**
   * Names an output port as one of the recipe's outputs (or removes it with null); a new name
   * for a named port renames it. Returns what is wrong, if anything.
   */
  setOutput(nodeId: string, port: string, name: string | null): string | undefined;
  /**
   * Moves a recipe node to another version of its recipe in one undo step: edges that no longer
   * fit its ports are dropped, input values kept where the input is unchanged.
   */
  upgradeRecipe(
    nodeId: string,
    version: number,
    before: WorkflowSignature,
    after: WorkflowSignature,
  ): void;
  /**
   * Replaces the document's graph with `workflow` (the selection turned into a recipe node) in
   * one undo step, selecting `select`. Name and library identity stay.
   */
  replaceGraph(workflow: Workflow, select?: string): void;
  selectOnly(ids: string[]): void;
  /**
   * Any edit of the document as one undo step (notes and groups use it: web/src/annotations).
   * `key`: edits with the same key close together are one step (typing); `record: false`: the
   * edit continues a step already recorded (a drag in progress).
   */
  editDocument(
    edit: (s: DocumentState) => Partial<DocSnapshot> & { selectedAnnotations?: string[] },
    opts?: { key?: string; record?: boolean },
  ): void;
  /** Selects notes and groups (session state); `only` also deselects every node and edge. */
  selectAnnotations(ids: string[], mode?: 'only' | 'set'): void;
  undo(): void;
  redo(): void;
  copy(): number;
  /** Pastes the clipboard moved by `offset` (default: 40 px further each time, as Ctrl+V). */
  paste(offset?: { x: number; y: number }): number;
  duplicate(): number;
  autoLayout(): void;
  /**
   * Takes measured cards off each other (model/spread-cards.ts), after a document was opened:
   * not an undo step, and a document that was saved stays saved (positions are view state; the
   * next save stores the new ones). Returns how many cards moved.
   */
  spreadOverlaps(): number;
  load(
    workflow: Workflow,
    meta?: { workflowId?: string; version?: number; baseVersion?: number; keepHistory?: boolean },
  ): void;
  /**
   * Marks the document saved to the library as `sent` (the document the save request carried;
   * default: the document now), so edits made while the request was in flight stay unsaved.
   */
  setSaved(meta: { workflowId?: string; version?: number }, sent?: DocSnapshot): void;
  /**
   * The open workflow was renamed in the library (a new version holding the saved document
   * under the new name): edits not saved yet stay unsaved.
   */
  renamedInLibrary(name: string, version: number): void;
}

export const snapshotOf = (s: DocSnapshot): DocSnapshot => ({
  name: s.name,
  ...(s.description !== undefined && { description: s.description }),
  nodes: s.nodes,
  edges: s.edges,
  inputs: s.inputs,
  // Always present (maybe undefined), so undo and load replace it rather than keep the current.
  outputs: s.outputs,
  notes: s.notes,
  groups: s.groups,
});

/**
 * The document alone, for undo: nodes and edges without session state (selection, measured
 * size, dragging), so undo never brings back an old selection (tldraw keeps these apart).
 */
export const documentOf = (s: DocSnapshot): DocSnapshot => ({
  ...snapshotOf(s),
  nodes: s.nodes.map(documentNode),
  edges: s.edges.map((e): FlowEdge => ({
    id: e.id,
    source: e.source,
    sourceHandle: e.sourceHandle,
    target: e.target,
    targetHandle: e.targetHandle,
  })),
});

/** A document from the undo history, with the session state of the canvas now (selection, sizes). */
const withSession = (doc: DocSnapshot, live: readonly FlowNode[]): DocSnapshot => {
  const now = new Map(live.map((n) => [n.id, n]));
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      const current = now.get(n.id);
      return current?.selected || current?.measured
        ? { ...n, selected: current.selected, measured: current.measured }
        : n;
    }),
  };
};

/** Changed since the last save? Compares by reference: every edit replaces what it touches. */
export const isDirty = (s: DocumentState): boolean => {
  const saved = s.saved;
  if (!saved) return s.nodes.length > 0;
  if (
    saved.name !== s.name ||
    saved.description !== s.description ||
    saved.edges.length !== s.edges.length ||
    saved.inputs !== s.inputs ||
    saved.outputs !== s.outputs ||
    saved.notes !== s.notes ||
    saved.groups !== s.groups
  )
    return true;
  if (saved.nodes.length !== s.nodes.length) return true;
  if (saved.edges.some((e, i) => e.id !== s.edges[i]?.id)) return true;
  return saved.nodes.some((n, i) => {
    const now = s.nodes[i]!;
    return (
      n.id !== now.id ||
      n.data !== now.data ||
      n.view !== now.view ||
      n.position.x !== now.position.x ||
      n.position.y !== now.position.y
    );
  });
};

const annotationPick = (s: DocumentState) => ({
  notes: s.notes,
  groups: s.groups,
  selected: s.selectedAnnotations,
});

/** The name of a canvas nobody has named yet (the document format's default name too). */
export const UNTITLED = 'Untitled';

const emptyDoc: DocSnapshot = { name: UNTITLED, nodes: [], edges: [], inputs: [] };

/**
 * Ids a new node must not take although no node has them now: those with results on screen
 * (a deleted node's, or an opened past run's), so a new node never shows another's results,
 * while undoing the deletion brings the node back with its own.
 */
let reservedIds: () => Iterable<string> = () => [];
export const reserveIds = (provider: () => Iterable<string>) => {
  reservedIds = provider;
};

export const createDocumentStore = (initial: DocSnapshot = emptyDoc) =>
  create<DocumentState>()((set, get) => {
    /** Records the current document for undo, unless this edit continues the previous one. */
    const record = (key?: string) => {
      const s = get();
      const now = Date.now();
      if (key && s.coalesce?.key === key && now - s.coalesce.at < COALESCE_MS) {
        set({ coalesce: { key, at: now } });
        return;
      }
      set({
        past: [...s.past, documentOf(s)].slice(-HISTORY_LIMIT),
        future: [],
        coalesce: key ? { key, at: now } : undefined,
      });
    };
    const takenIds = () => {
      const s = get();
      return new Set([...s.nodes.map((n) => n.id), ...s.edges.map((e) => e.id), ...reservedIds()]);
    };
    const pasteFrom = (clip: Clipboard, offset: { x: number; y: number }) => {
      record();
      const own = get();
      const annotationIds = new Set([...(own.notes ?? []), ...(own.groups ?? [])].map((a) => a.id));
      const pasted = pasteClipboard(clip, takenIds(), offset, annotationIds);
      set((s) => ({
        // Pasted notes and groups come selected, like the pasted cards.
        ...(pasted.notes && { notes: [...(s.notes ?? []), ...pasted.notes] }),
        ...(pasted.groups && { groups: [...(s.groups ?? []), ...pasted.groups] }),
        selectedAnnotations: [...(pasted.notes ?? []), ...(pasted.groups ?? [])].map((a) => a.id),
        nodes: [
          ...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
          ...pasted.nodes,
        ],
        edges: [
          ...s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
          ...pasted.edges,
        ],
      }));
      return pasted.nodes.length;
    };

    return {
      ...initial,
      past: [],
      future: [],
      dragging: false,
      pasteCount: 0,
      loads: 0,
      selectedAnnotations: [],

      addNode(type, position, opts = {}) {
        record();
        const id = freshId(type, takenIds());
        const node = typedNode({
          id,
          type,
          position,
          data: { ...defaultData(type), ...opts.data },
          selected: true,
        });
        set((s) => ({
          nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node],
        }));
        if (opts.connectFrom) {
          const s = get();
          const pair = autoConnectPair(s.nodes, s.edges, opts.connectFrom, id, portsOfNode);
          if (pair) {
            const edgeId = freshId('e', takenIds());
            set((st) => ({ edges: [...st.edges, { id: edgeId, ...pair }] }));
          }
        }
        if (opts.wire) {
          const ends = opts.wire(id);
          const s = get();
          const check = checkConnection(ends, s.nodes, s.edges, portsOfNode);
          if (check.ok) {
            const edgeId = freshId('e', takenIds());
            set((st) => ({
              edges: [...st.edges.filter((e) => e.id !== check.replaces), { id: edgeId, ...ends }],
            }));
          }
        }
        return id;
      },

      updateField(nodeId, field, value) {
        // A burst of typing or number steps is one undo step; each image or mask is its own.
        const typed = typeof value === 'string' || typeof value === 'number';
        record(typed ? `field:${nodeId}:${field}` : undefined);
        set((s) => ({
          nodes: s.nodes.map((n) =>
            n.id === nodeId ? typedNode({ ...n, data: withField(n.data, field, value) }) : n,
          ),
        }));
      },

      updateFields(changes) {
        if (changes.length === 0) return;
        record();
        set((s) => ({
          nodes: s.nodes.map((n) => {
            const own = changes.filter((c) => c.nodeId === n.id);
            if (own.length === 0) return n;
            let data: Record<string, unknown> = n.data;
            for (const change of own) data = withField(data, change.field, change.value);
            return typedNode({ ...n, data });
          }),
        }));
      },

      onNodesChange(changes) {
        const s = get();
        let dragging = s.dragging;
        // Ending a drag of several nodes sends one change per node: all end the same step.
        let dragEnded = false;
        for (const c of changes) {
          if (c.type === 'position') {
            if (c.dragging && !dragging) {
              record();
              dragging = true;
            } else if (!c.dragging && dragging) {
              dragging = false;
              dragEnded = true;
            } else if (!c.dragging && !dragEnded) record('nudge');
          } else if (c.type === 'remove' || c.type === 'add' || c.type === 'replace') record();
        }
        const removed = new Set(changes.flatMap((c) => (c.type === 'remove' ? [c.id] : [])));
        set((st) => ({
          dragging,
          nodes: applyNodeChanges(changes, st.nodes),
          ...(removed.size > 0 && {
            edges: st.edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)),
            inputs: st.inputs.filter((i) => !removed.has(i.node)),
            ...(st.outputs && { outputs: st.outputs.filter((o) => !removed.has(o.node)) }),
          }),
        }));
      },

      onEdgesChange(changes) {
        if (changes.some((c) => c.type !== 'select')) record();
        set((s) => ({ edges: applyEdgeChanges(changes, s.edges) }));
      },

      connect(connection) {
        const s = get();
        const check = checkConnection(connection, s.nodes, s.edges, portsOfNode);
        if (!check.ok) return check;
        record();
        const id = freshId('e', takenIds());
        const edge: FlowEdge = {
          id,
          source: connection.source,
          sourceHandle: connection.sourceHandle,
          target: connection.target,
          targetHandle: connection.targetHandle,
        };
        set((st) => ({ edges: [...st.edges.filter((e) => e.id !== check.replaces), edge] }));
        return check;
      },

      removeSelected() {
        const s = get();
        const nodeIds = s.nodes.filter((n) => n.selected).map((n) => n.id);
        const edgeIds = new Set(s.edges.filter((e) => e.selected).map((e) => e.id));
        const marked = new Set(s.selectedAnnotations);
        if (nodeIds.length === 0 && edgeIds.size === 0 && marked.size === 0) return;
        record();
        const gone = new Set(nodeIds);
        set((st) => ({
          ...(marked.size > 0 && {
            notes: st.notes?.filter((n) => !marked.has(n.id)),
            groups: st.groups?.filter((g) => !marked.has(g.id)),
            selectedAnnotations: [],
          }),
          nodes: st.nodes.filter((n) => !gone.has(n.id)),
          edges: st.edges.filter(
            (e) => !edgeIds.has(e.id) && !gone.has(e.source) && !gone.has(e.target),
          ),
          inputs: st.inputs.filter((i) => !gone.has(i.node)),
          ...(st.outputs && { outputs: st.outputs.filter((o) => !gone.has(o.node)) }),
        }));
      },

      removeNodes(ids) {
        get().selectOnly(ids);
        get().removeSelected();
      },

      setName(name) {
        record('name');
        set({ name });
      },

      setNodeTitle(nodeId, title) {
        const node = get().nodes.find((n) => n.id === nodeId);
        const clean = title.trim().slice(0, 120);
        if (!node || (node.view?.title ?? '') === clean) return;
        record();
        const { title: _old, ...rest } = node.view ?? {};
        const view = clean ? { ...rest, title: clean } : rest;
        set((s) => ({
          nodes: s.nodes.map((n) => {
            if (n.id !== nodeId) return n;
            const { view: _v, ...plain } = n;
            return Object.keys(view).length ? { ...plain, view } : plain;
          }),
        }));
      },

      setInput(nodeId, field, name) {
        const s = get();
        if (name === null) {
          record();
          set({ inputs: s.inputs.filter((i) => !(i.node === nodeId && i.field === field)) });
          return undefined;
        }
        const type = s.nodes.find((n) => n.id === nodeId)?.type;
        const problem = checkInputName(s.inputs, nodeId, field, name, type ?? '?');
        if (problem) return problem;
        record();
        const others = s.inputs.filter((i) => !(i.node === nodeId && i.field === field));
        const entry: WorkflowInput = { name, node: nodeId, field };
        set({ inputs: [...others, entry] });
        return undefined;
      },

      setOutput(nodeId, port, name) {
        const s = get();
        const outputs = s.outputs ?? [];
        const others = outputs.filter((o) => !(o.node === nodeId && o.port === port));
        if (name === null) {
          if (others.length === outputs.length) return undefined;
          record();
          set({ outputs: others });
          return undefined;
        }
        const problem = checkOutputName(outputs, nodeId, port, name);
        if (problem) return problem;
        record();
        const at = outputs.findIndex((o) => o.node === nodeId && o.port === port);
        const entry: WorkflowOutput = { name, node: nodeId, port };
        // A rename keeps the output's place in the list (the order of the recipe's outputs).
        set({
          outputs: at < 0 ? [...outputs, entry] : outputs.map((o, i) => (i === at ? entry : o)),
        });
        return undefined;
      },

      upgradeRecipe(nodeId, version, before, after) {
        const node = get().nodes.find((n) => n.id === nodeId);
        if (!node) return;
        record();
        const dropped = new Set(
          edgesDroppedBy(nodeId, get().edges, recipePorts(before), recipePorts(after)).map(
            (e) => e.id,
          ),
        );
        const outputNames = new Set(after.outputs.map((o) => o.name));
        const inputs = upgradedInputValues(recipeInputValues(node.data), before, after);
        set((st) => ({
          nodes: st.nodes.map((n) => (n.id === nodeId ? withFields(n, { version, inputs }) : n)),
          edges: st.edges.filter((e) => !dropped.has(e.id)),
          // This document's own outputs naming a port the recipe no longer has go too.
          ...(st.outputs && {
            outputs: st.outputs.filter((o) => o.node !== nodeId || outputNames.has(o.port)),
          }),
        }));
      },

      replaceGraph(workflow, select) {
        record();
        const next = fromWorkflow(workflow);
        set({
          nodes: next.nodes.map((n) => (n.id === select ? { ...n, selected: true } : n)),
          edges: next.edges,
          inputs: next.inputs,
          outputs: next.outputs,
        });
      },

      selectOnly(ids) {
        const pick = new Set(ids);
        set((s) => ({
          nodes: s.nodes.map((n) =>
            !!n.selected === pick.has(n.id) ? n : { ...n, selected: pick.has(n.id) },
          ),
          edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
          ...(s.selectedAnnotations.length > 0 && { selectedAnnotations: [] }),
        }));
      },

      editDocument(edit, opts = {}) {
        if (opts.record !== false) record(opts.key);
        set((s) => edit(s));
      },

      selectAnnotations(ids, mode = 'set') {
        if (mode === 'only') get().selectOnly([]);
        set({ selectedAnnotations: ids });
      },

      undo() {
        const s = get();
        const previous = s.past.at(-1);
        if (!previous) return;
        set({
          description: undefined,
          ...withSession(previous, s.nodes),
          past: s.past.slice(0, -1),
          future: [documentOf(s), ...s.future],
          coalesce: undefined,
        });
      },

      redo() {
        const s = get();
        const next = s.future[0];
        if (!next) return;
        set({
          description: undefined,
          ...withSession(next, s.nodes),
          past: [...s.past, documentOf(s)],
          future: s.future.slice(1),
          coalesce: undefined,
        });
      },

      copy() {
        const s = get();
        const clip = copySelection(s.nodes, s.edges, annotationPick(s));
        if (clip) set({ clipboard: clip, pasteCount: 0 });
        return clip?.nodes.length ?? 0;
      },

      paste(offset) {
        const s = get();
        if (!s.clipboard) return 0;
        if (offset) return pasteFrom(s.clipboard, offset);
        const count = s.pasteCount + 1;
        set({ pasteCount: count });
        return pasteFrom(s.clipboard, { x: 40 * count, y: 40 * count });
      },

      duplicate() {
        const s = get();
        const clip = copySelection(s.nodes, s.edges, annotationPick(s));
        return clip ? pasteFrom(clip, { x: 40, y: 40 }) : 0;
      },

      autoLayout() {
        const s = get();
        if (s.nodes.length === 0) return;
        record();
        const positions = layoutLeftToRight(s.nodes, s.edges);
        const nodes = s.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position }));
        // Groups keep their nodes and notes stay clear of every card (model/annotation-layout).
        set({ nodes, ...tidyAnnotations(s, nodes) });
      },

      spreadOverlaps() {
        const s = get();
        const moved = spreadOverlapping(s.nodes);
        if (moved.size === 0) return 0;
        const place = <N extends { id: string; position: { x: number; y: number } }>(n: N): N => {
          const to = moved.get(n.id);
          return to ? { ...n, position: to } : n;
        };
        const grown = s.groups && groupsAfterMoves(s.groups, s.nodes, moved);
        const groups = grown?.some((g, i) => g !== s.groups![i]) ? grown : s.groups;
        const clean = s.saved && !isDirty(s);
        set({
          nodes: s.nodes.map(place),
          groups,
          ...(clean && { saved: { ...s.saved!, nodes: s.saved!.nodes.map(place), groups } }),
        });
        return moved.size;
      },

      load(workflow, meta = {}) {
        if (meta.keepHistory) record();
        set({
          description: undefined,
          outputs: undefined,
          notes: undefined,
          groups: undefined,
          ...fromWorkflow(workflow),
          workflowId: meta.workflowId,
          version: meta.version,
          baseVersion: meta.baseVersion,
          ...(!meta.keepHistory && { past: [], future: [] }),
          coalesce: undefined,
          selectedAnnotations: [],
          loads: get().loads + 1,
        });
        set({ saved: meta.workflowId ? snapshotOf(get()) : undefined });
      },

      renamedInLibrary(name, version) {
        // The new version holds the latest document renamed: the canvas matches it only if the
        // canvas was the latest (not an older version opened to restore it).
        set((s) => ({
          name,
          version,
          baseVersion: undefined,
          saved: s.baseVersion === undefined && s.saved ? { ...s.saved, name } : undefined,
        }));
      },

      setSaved(meta, sent) {
        set({
          workflowId: meta.workflowId,
          version: meta.version,
          baseVersion: undefined,
          saved: meta.workflowId ? (sent ?? snapshotOf(get())) : undefined,
        });
      },
    };
  });

export type DocumentStore = ReturnType<typeof createDocumentStore>;

/** The editor's document. */
export const useDocument = createDocumentStore();
