import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useDocument } from '../store/document-store';
import { useRecipes } from '../store/recipes-store';
import { useSession } from '../store/session-store';
import { Inspector } from './Inspector';

const signature = {
  inputs: [{ name: 'subject', kind: 'text' as const, default: 'a cup' }],
  outputs: [{ name: 'hero', kind: 'image' as const }],
};
const recipe = {
  format: 'atelier.workflow' as const,
  version: 1 as const,
  name: 'Product shot',
  description: 'A cup on oak, lit from the left',
  nodes: [],
  edges: [],
  inputs: [],
};

beforeEach(() => {
  useDocument.setState({ nodes: [], edges: [], inputs: [], past: [], future: [] });
  useSession.setState({ nodeRuns: {}, run: undefined });
  useRecipes.setState({
    entries: { 'w1@2': { status: 'ready', signature, document: recipe } },
  });
});
afterEach(cleanup);

const select = (id: string) =>
  useDocument.setState((s) => ({ nodes: s.nodes.map((n) => ({ ...n, selected: n.id === id })) }));

describe('Inspector', () => {
  it("titles a recipe node with its recipe's name and says which version it pins", () => {
    const r = useDocument.getState().addNode(
      'recipe',
      { x: 0, y: 0 },
      {
        data: { workflowId: 'w1', version: 2, inputs: {} },
      },
    );
    select(r);
    render(<Inspector />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(`Product shot “${r}”`);
    expect(screen.getByTestId('inspector').textContent).toContain(
      'the recipe “Product shot” v2: A cup on oak, lit from the left',
    );
    expect(screen.getByTestId('inspector').textContent).not.toMatch(/Recipe “/);
  });

  it('keeps the title a person gave a recipe node', () => {
    const r = useDocument.getState().addNode(
      'recipe',
      { x: 0, y: 0 },
      {
        data: { workflowId: 'w1', version: 2, inputs: {} },
      },
    );
    useDocument.setState((s) => ({
      nodes: s.nodes.map((n) => (n.id === r ? { ...n, view: { title: 'Hero cup' } } : n)),
    }));
    select(r);
    render(<Inspector />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Hero cup');
  });

  it('titles any other node by its type', () => {
    const g = useDocument.getState().addNode('generate', { x: 0, y: 0 });
    select(g);
    render(<Inspector />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(`Generate image “${g}”`);
  });
});
