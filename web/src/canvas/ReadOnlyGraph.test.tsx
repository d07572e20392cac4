import type { Workflow } from '@atelier/graph';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReadOnlyCard } from './ReadOnlyGraph';
import { ReadOnlyGraph, readOnlyTitle } from './ReadOnlyGraph';

const doc: Workflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Shot',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a cup' } },
    {
      id: 'r1',
      type: 'recipe',
      position: { x: 300, y: 0 },
      data: { workflowId: 'w1', version: 1, inputs: {} },
      view: { title: 'Inner shot' },
    },
  ],
  edges: [{ id: 'e1', source: 'p1', sourceHandle: 'text', target: 'r1', targetHandle: 'subject' }],
  inputs: [],
};

const cardOf = (node: Workflow['nodes'][number]): ReadOnlyCard => ({
  title: readOnlyTitle(node),
  note: node.id,
  status: node.id === 'p1' ? 'succeeded' : undefined,
  text: typeof node.data.text === 'string' ? node.data.text : undefined,
  images: [],
  action: node.type === 'recipe' ? 'Open' : undefined,
  ids: { card: `card-${node.id}`, status: `status-${node.id}`, action: `open-${node.id}` },
});

afterEach(cleanup);

describe('ReadOnlyGraph', () => {
  const show = (onAction?: (id: string) => void) =>
    render(
      <div style={{ width: 800, height: 600 }}>
        <ReadOnlyGraph document={doc} cardOf={cardOf} onAction={onAction} />
      </div>,
    );

  it('shows each node as the card its caller describes, titled by its own or its type title', () => {
    show();
    expect(screen.getByTestId('card-p1').textContent).toContain('Prompt');
    expect(screen.getByTestId('card-p1').textContent).toContain('a cup');
    expect(screen.getByTestId('status-p1').textContent).toBe('succeeded');
    expect(screen.getByTestId('card-r1').textContent).toContain('Inner shot');
  });

  it("answers a card's button with the node's id, and shows none without a handler", () => {
    const onAction = vi.fn();
    show(onAction);
    fireEvent.click(screen.getByTestId('open-r1'));
    expect(onAction).toHaveBeenCalledWith('r1');
    cleanup();
    show();
    expect(screen.queryByTestId('open-r1')).toBeNull();
  });

  it('lets nothing be dragged, connected or selected', () => {
    const { container } = show();
    expect(container.querySelectorAll('.react-flow__node')).toHaveLength(2);
    expect(container.querySelectorAll('.react-flow__node.draggable')).toHaveLength(0);
    expect(container.querySelectorAll('.react-flow__node.selectable')).toHaveLength(0);
    expect(container.querySelectorAll('.react-flow__handle.connectable')).toHaveLength(0);
  });
});
