import { act, cleanup, render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HelpPanel } from '../../app/HelpPanel';
import { useDocument } from '../../store/document-store';
import { CanvasMenus } from './CanvasMenus';
import { isMenuKey } from './menu-keys';
import { useCanvasMenu } from './menu-store';

beforeEach(() => {
  useDocument.setState({ nodes: [], edges: [], inputs: [], past: [], future: [] });
  useCanvasMenu.getState().close();
});
afterEach(cleanup);

describe('opening a menu from the keyboard', () => {
  it('takes the Menu key and Shift+F10, not F10 alone', () => {
    expect(isMenuKey({ key: 'ContextMenu', shiftKey: false })).toBe(true);
    expect(isMenuKey({ key: 'F10', shiftKey: true })).toBe(true);
    expect(isMenuKey({ key: 'F10', shiftKey: false })).toBe(false);
  });

  it('opens the selected node’s menu at its card on Shift+F10', () => {
    const id = useDocument.getState().addNode('prompt', { x: 0, y: 0 });
    const card = document.createElement('div');
    card.dataset.testid = `node-${id}`;
    document.body.append(card);
    render(
      <ReactFlowProvider>
        <CanvasMenus />
      </ReactFlowProvider>,
    );
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F10', shiftKey: true }));
    });
    expect(useCanvasMenu.getState().open).toMatchObject({ kind: 'node', nodeId: id });
    expect(screen.getByTestId('node-menu')).toBeTruthy();
    card.remove();
  });

  it('is listed in the Help panel with right-click', () => {
    render(<HelpPanel />);
    const help = screen.getByTestId('help-panel').textContent ?? '';
    expect(help).toContain('Shift F10');
    expect(help).toContain('Menu');
    expect(help).toContain('Right-click');
  });
});
