import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDocument } from '../../store/document-store';
import { NodeSearch } from './NodeSearch';

beforeEach(() => useDocument.setState({ nodes: [], edges: [], inputs: [], past: [], future: [] }));
afterEach(cleanup);

const open = () => {
  const onClose = vi.fn();
  render(<NodeSearch at={{ x: 40, y: 30 }} flow={{ x: 100, y: 200 }} onClose={onClose} />);
  return { onClose, input: screen.getByTestId('node-search-input') };
};

describe('NodeSearch', () => {
  it('is placed at the point, visible, with the focus in its search box', () => {
    const { input } = open();
    const box = screen.getByTestId('node-search');
    expect(box.style.visibility).toBe('');
    expect(box.style.left).toBe('40px');
    expect(document.activeElement).toBe(input);
  });

  it('adds the highlighted match where it was opened on Enter, and closes', () => {
    const { input, onClose } = open();
    fireEvent.change(input, { target: { value: 'gen' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onClose).toHaveBeenCalled();
    expect(useDocument.getState().nodes.map((n) => [n.type, n.position])).toEqual([
      ['generate', { x: 100, y: 160 }],
    ]);
  });

  it('closes on Escape without adding anything', () => {
    const { input, onClose } = open();
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
    expect(useDocument.getState().nodes).toEqual([]);
  });
});
