import type { NodeType } from '@atelier/nodes';
import { cleanup, renderHook } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARD } from './placement';
import { useDocument } from '../store/document-store';
import { useAddNode } from './use-add-node';

/** A canvas on screen at (200, 50), 1000 × 700 px; without a mounted flow, screen = flow. */
const canvasRect = { left: 200, top: 50, width: 1000, height: 700 };
let canvas: HTMLDivElement;

const wrapper = ({ children }: { children: ReactNode }) => (
  <ReactFlowProvider>{children}</ReactFlowProvider>
);
const addNode = (type: NodeType) =>
  renderHook(() => useAddNode(), { wrapper }).result.current(type);
const positionOf = (id: string) => useDocument.getState().nodes.find((n) => n.id === id)!.position;

beforeEach(() => {
  useDocument.setState({ nodes: [], edges: [], inputs: [], past: [], future: [] });
  canvas = document.createElement('div');
  canvas.className = 'canvas';
  const { left, top, width, height } = canvasRect;
  canvas.getBoundingClientRect = () => DOMRect.fromRect({ x: left, y: top, width, height });
  document.body.append(canvas);
});
afterEach(() => {
  cleanup();
  canvas.remove();
});

describe('useAddNode with nothing selected', () => {
  it('centres the new node in the visible canvas', () => {
    const id = addNode('prompt');
    expect(positionOf(id)).toEqual({
      x: canvasRect.left + canvasRect.width / 2 - CARD.width / 2,
      y: canvasRect.top + canvasRect.height / 2 - CARD.height / 2,
    });
  });

  it('places a second node beside the first, not on top of it, and inside the canvas', () => {
    const first = addNode('prompt');
    useDocument.getState().selectOnly([]);
    const second = addNode('generate');
    const a = positionOf(first);
    const b = positionOf(second);
    const apart = Math.abs(a.x - b.x) >= CARD.width || Math.abs(a.y - b.y) >= CARD.height;
    expect(apart).toBe(true);
    expect(b.x).toBeGreaterThanOrEqual(canvasRect.left);
    expect(b.y).toBeGreaterThanOrEqual(canvasRect.top);
    expect(b.x + CARD.width).toBeLessThanOrEqual(canvasRect.left + canvasRect.width);
    expect(b.y + CARD.height).toBeLessThanOrEqual(canvasRect.top + canvasRect.height);
  });
});
