import { create } from 'zustand';
import type { PortKind } from '@atelier/graph';

/** A wire being dragged from this handle when it was released on empty canvas. */
export interface LooseWire {
  nodeId: string;
  handle: string;
  /** `source`: dragged out of an output; `target`: out of an input. */
  side: 'source' | 'target';
  kind: PortKind;
}

/** The menu or node search open on the canvas (session state: never saved). */
export type OpenMenu =
  | { kind: 'node'; nodeId: string; x: number; y: number }
  | { kind: 'edge'; edgeId: string; x: number; y: number }
  | { kind: 'pane'; x: number; y: number; flow: { x: number; y: number } }
  | {
      kind: 'search';
      x: number;
      y: number;
      flow: { x: number; y: number };
      wire?: LooseWire;
    };

interface MenuState {
  open?: OpenMenu;
  show(menu: OpenMenu): void;
  close(): void;
}

export const useCanvasMenu = create<MenuState>((set) => ({
  open: undefined,
  show: (menu) => set({ open: menu }),
  close: () => set({ open: undefined }),
}));
