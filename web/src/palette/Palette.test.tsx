import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeDefinitions } from '@atelier/nodes';
import { useDocument } from '../store/document-store';
import { Palette } from './Palette';

const renderPalette = () =>
  render(
    <ReactFlowProvider>
      <Palette />
    </ReactFlowProvider>,
  );

beforeEach(() => useDocument.setState({ nodes: [], edges: [], inputs: [], past: [], future: [] }));
afterEach(cleanup);

describe('Palette', () => {
  it('lists every node type its definition offers, and no bare "Recipe" (the Recipes section adds those)', () => {
    renderPalette();
    const offered = nodeDefinitions.filter((d) => d.palette !== false);
    expect(offered.length).toBe(nodeDefinitions.length - 1);
    for (const { type } of offered) expect(screen.getByTestId(`palette-${type}`)).toBeTruthy();
    expect(screen.queryByTestId('palette-recipe')).toBeNull();
    fireEvent.change(screen.getByLabelText('Search nodes'), { target: { value: 'recipe' } });
    expect(screen.queryByTestId('palette-recipe')).toBeNull();
  });

  it('filters by typing and adds the first match with Enter', () => {
    renderPalette();
    const search = screen.getByLabelText('Search nodes');
    fireEvent.change(search, { target: { value: 'gen' } });
    expect(screen.queryByTestId('palette-prompt')).toBeNull();
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(useDocument.getState().nodes.map((n) => n.type)).toEqual(['generate']);
  });

  it('adds the node whose name matches before one whose description mentions the query', () => {
    renderPalette();
    const search = screen.getByLabelText('Search nodes');
    fireEvent.change(search, { target: { value: 'edit' } });
    const listed = screen
      .getAllByRole('option')
      .map((o) => o.querySelector('button')?.dataset.testid);
    expect(listed).toEqual(['palette-edit', 'palette-mask']);
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(useDocument.getState().nodes.map((n) => n.type)).toEqual(['edit']);
  });

  it('wires a node added by keyboard to the selected node', () => {
    renderPalette();
    const search = screen.getByLabelText('Search nodes');
    fireEvent.change(search, { target: { value: 'prompt' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    fireEvent.change(search, { target: { value: 'generate' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    const [prompt, generate] = useDocument.getState().nodes;
    expect(useDocument.getState().edges).toEqual([
      expect.objectContaining({ source: prompt!.id, target: generate!.id, targetHandle: 'prompt' }),
    ]);
  });

  it('adds a node on click', () => {
    renderPalette();
    fireEvent.click(screen.getByTestId('palette-mask'));
    expect(useDocument.getState().nodes.map((n) => n.type)).toEqual(['mask']);
  });
});
