import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useDocument } from '../store/document-store';
import { Canvas } from './Canvas';
import { useCanvasMenu } from './context-menu/menu-store';

beforeEach(() => {
  useDocument.setState({ nodes: [], edges: [], inputs: [], past: [], future: [] });
  useCanvasMenu.getState().close();
});
afterEach(cleanup);

const renderCanvas = () =>
  render(
    <ReactFlowProvider>
      <div style={{ width: 800, height: 600 }}>
        <Canvas />
      </div>
    </ReactFlowProvider>,
  );

describe('Canvas', () => {
  it('opens the node search where empty canvas is double-clicked (REVIEW-2 #13)', () => {
    const { container } = renderCanvas();
    const pane = container.querySelector('.react-flow__pane')!;
    fireEvent.doubleClick(pane, { clientX: 120, clientY: 90 });
    expect(useCanvasMenu.getState().open).toMatchObject({ kind: 'search', x: 120, y: 90 });
    expect(screen.getByTestId('node-search')).toBeTruthy();
  });

  it('leaves a double-click on a card to the card', () => {
    const id = useDocument.getState().addNode('prompt', { x: 0, y: 0 });
    renderCanvas();
    fireEvent.doubleClick(screen.getByTestId(`node-${id}`), { clientX: 10, clientY: 10 });
    expect(useCanvasMenu.getState().open).toBeUndefined();
  });
});
