import type { NodeType } from '@atelier/nodes';
import type { BlobId, ImageValue } from '@atelier/graph';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useDocument } from '../store/document-store';
import { useRecipes } from '../store/recipes-store';
import { useSession } from '../store/session-store';
import { RecipeCard } from '../recipes/RecipeCard';
import { NodeCard } from './NodeCard';
import { fieldOf } from '../model/node-data';

const nodeTypes = {
  web_search: NodeCard,
  prompt: NodeCard,
  generate: NodeCard,
  reference: NodeCard,
  edit: NodeCard,
  recipe: RecipeCard,
};

const renderNode = (type: NodeType, data?: Record<string, unknown>) => {
  const id = useDocument.getState().addNode(type, { x: 0, y: 0 }, { data });
  render(
    <ReactFlowProvider>
      <div style={{ width: 800, height: 600 }}>
        <ReactFlow nodes={useDocument.getState().nodes} edges={[]} nodeTypes={nodeTypes} />
      </div>
    </ReactFlowProvider>,
  );
  return id;
};

beforeEach(() => {
  useDocument.setState({ nodes: [], edges: [], inputs: [], past: [], future: [] });
  useSession.setState({ nodeRuns: {}, run: undefined });
});
afterEach(cleanup);

describe('NodeCard', () => {
  it('renders each field of the definition with the editor of its kind', () => {
    const id = renderNode('web_search');
    expect(screen.getByTestId(`node-${id}`).getAttribute('data-status')).toBe('idle');
    expect(screen.getByLabelText<HTMLElement>('Query').tagName).toBe('TEXTAREA');
    fireEvent.click(screen.getByTestId(`settings-${id}`));
    const context = screen.getByLabelText<HTMLSelectElement>('Context size');
    expect(context.tagName).toBe('SELECT');
    expect([...context.options].map((o) => o.value)).toEqual(['low', 'medium', 'high']);
    expect(screen.getByTestId(`field-${id}-allowed_domains`)).toBeTruthy();
    expect(screen.getByTestId<HTMLInputElement>(`field-${id}-max_age`).type).toBe('number');
    expect(screen.getByTestId(`field-${id}-model`)).toBeTruthy();
  });

  it('renders ports with labels from the definition', () => {
    const id = renderNode('generate');
    const card = screen.getByTestId(`node-${id}`);
    expect(card.textContent).toContain('Prompt');
    expect(card.textContent).toContain('References');
    expect(card.querySelectorAll('.react-flow__handle')).toHaveLength(5);
  });

  it('folds long field lists into Settings and opens them on click', () => {
    const id = renderNode('generate');
    expect(screen.queryByTestId(`field-${id}-quality`)).toBeNull();
    fireEvent.click(screen.getByTestId(`settings-${id}`));
    expect(screen.getByTestId(`field-${id}-quality`)).toBeTruthy();
    expect(screen.getByTestId<HTMLInputElement>(`field-${id}-web_search`).type).toBe('checkbox');
  });

  it('writes an edit into the document store', () => {
    const id = renderNode('prompt');
    fireEvent.change(screen.getByTestId(`field-${id}-text`), { target: { value: 'a red fox' } });
    expect(fieldOf(useDocument.getState().nodes[0]!, 'text')).toBe('a red fox');
  });

  it('shows the run state of its node', () => {
    const id = renderNode('prompt');
    act(() => {
      useSession.setState({
        nodeRuns: {
          [id]: {
            status: 'failed',
            cached: false,
            log: [],
            error: { code: 'moderation_blocked', message: 'Blocked by moderation.' },
          },
        },
      });
    });
    const card = screen.getByTestId(`node-${id}`);
    expect(card.getAttribute('data-status')).toBe('failed');
    expect(screen.getByTestId(`error-${id}`).textContent).toContain('moderation_blocked');
  });

  /** Shows a run given `inputs` (named-input values) as the canvas's current run. */
  const showRun = (inputs: Record<string, unknown>) =>
    act(() => {
      useSession.setState({
        run: {
          id: 'run_1',
          status: 'succeeded',
          startedAt: 0,
          order: [],
          cost: 0,
          saved: { nodes: 0, cost: 0 },
          inputs,
        },
      });
    });
  const picture = (letter: string, width = 640): ImageValue => ({
    blob: letter.repeat(64) as BlobId,
    mime: 'image/png',
    width,
    height: 480,
  });

  it('shows the image a run gave an empty reference through a named input, marked as such', () => {
    const id = renderNode('reference');
    act(() => void useDocument.getState().setInput(id, 'image', 'photo'));
    expect(screen.queryByTestId(`run-input-${id}-image`)).toBeNull();
    expect(screen.getByTestId(`node-${id}`).textContent).toContain('Drop an image here');
    showRun({ photo: picture('a') });
    const thumb = screen.getByTestId<HTMLImageElement>(`run-input-${id}-image`);
    expect(thumb.getAttribute('src')).toContain('a'.repeat(64));
    expect(screen.getByTestId(`node-${id}`).textContent).toContain('640×480 · run input');
    // The document is untouched: the image belongs to that run, not to the recipe.
    expect(fieldOf(useDocument.getState().nodes[0]!, 'image')).toBeNull();
  });

  it('shows the image a run used instead of the saved one when the run was given another', () => {
    const id = renderNode('reference', { image: picture('s', 1024) });
    act(() => void useDocument.getState().setInput(id, 'image', 'photo'));
    showRun({ photo: picture('s', 1024) });
    expect(screen.getByTestId(`thumb-${id}-image`).getAttribute('src')).toContain('s'.repeat(64));
    showRun({ photo: picture('n') });
    expect(screen.getByTestId(`run-input-${id}-image`).getAttribute('src')).toContain(
      'n'.repeat(64),
    );
    expect(screen.queryByTestId(`thumb-${id}-image`)).toBeNull();
    expect(screen.getByTestId(`own-${id}-image`)).toBeTruthy();
  });

  it("shows a run's named-input text under a field only when it differs from the field", () => {
    const id = renderNode('prompt', { text: 'a red fox' });
    act(() => void useDocument.getState().setInput(id, 'text', 'subject'));
    showRun({ subject: 'a red fox' });
    expect(screen.queryByTestId(`run-input-${id}-text`)).toBeNull();
    showRun({ subject: 'a lighthouse on a cliff' });
    expect(screen.getByTestId(`run-input-${id}-text`).textContent).toBe(
      'Run input: a lighthouse on a cliff',
    );
  });

  it('renames a node in place on double-click, and the card shows the new title', () => {
    const id = renderNode('prompt', { text: 'a red fox' });
    fireEvent.doubleClick(screen.getByTestId(`title-${id}`));
    const input = screen.getByTestId(`title-input-${id}`);
    fireEvent.change(input, { target: { value: 'Subject' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByTestId(`title-${id}`).textContent).toBe('Subject');
    expect(useDocument.getState().nodes[0]!.view).toEqual({ title: 'Subject' });
    expect(screen.getByTestId(`node-${id}`).getAttribute('aria-label')).toBe(`Subject node ${id}`);
  });

  it('asks for the named inputs when its ▶ runs a recipe up to it', () => {
    const id = renderNode('prompt', { text: 'a red fox' });
    useDocument.getState().setInput(id, 'text', 'subject');
    fireEvent.click(screen.getByTestId(`run-to-${id}`));
    expect(useSession.getState().runForm).toEqual({ target: id });
  });

  it("marks an image left from an earlier run when this run's node failed", () => {
    const id = renderNode('generate');
    const image: ImageValue = {
      blob: 'b'.repeat(64) as BlobId,
      mime: 'image/png',
      width: 1024,
      height: 1024,
    };
    const show = (status: 'succeeded' | 'failed') =>
      act(() => {
        useSession.setState({
          nodeRuns: { [id]: { status, cached: false, log: [], outputs: { image } } },
        });
      });
    show('succeeded');
    expect(screen.getByTestId(`output-image-${id}`)).toBeTruthy();
    expect(screen.queryByTestId(`earlier-output-${id}`)).toBeNull();
    show('failed');
    expect(screen.getByTestId(`earlier-output-${id}`).textContent).toBe('from an earlier run');
  });

  it('takes the edit instruction on the card, and says when a wire overrides it', () => {
    const id = renderNode('edit');
    const typed = screen.getByTestId<HTMLTextAreaElement>(`field-${id}-instruction`);
    fireEvent.change(typed, { target: { value: 'Make the sky orange' } });
    expect(
      fieldOf(
        useDocument.getState().nodes.find((n) => n.id === id)!,
        'instruction',
      ),
    ).toBe('Make the sky orange');
    expect(screen.queryByTestId(`inline-wired-${id}-instruction`)).toBeNull();
    const prompt = useDocument.getState().addNode('prompt', { x: -300, y: 0 });
    act(() => {
      useDocument.getState().connect({
        source: prompt,
        sourceHandle: 'text',
        target: id,
        targetHandle: 'instruction',
      });
    });
    expect(screen.getByTestId(`inline-wired-${id}-instruction`).textContent).toContain(prompt);
  });

  it('says a recipe node’s field is overridden when its port is wired (REVIEW-2 #2)', () => {
    useRecipes.setState({
      entries: {
        'w1@1': {
          status: 'ready',
          signature: {
            inputs: [{ name: 'subject', kind: 'text', default: 'a lighthouse' }],
            outputs: [{ name: 'poster', kind: 'image' }],
          },
          document: {
            format: 'atelier.workflow',
            version: 1,
            name: 'Poster',
            nodes: [],
            edges: [],
            inputs: [],
          },
        },
      },
    });
    const id = renderNode('recipe', { workflowId: 'w1', version: 1, inputs: {} });
    expect(screen.getByTestId(`field-${id}-inputs.subject`)).toBeTruthy();
    expect(screen.queryByTestId(`inline-wired-${id}-inputs.subject`)).toBeNull();
    const prompt = useDocument.getState().addNode('prompt', { x: -300, y: 0 });
    act(() => {
      useDocument.getState().connect({
        source: prompt,
        sourceHandle: 'text',
        target: id,
        targetHandle: 'subject',
      });
    });
    expect(screen.getByTestId(`inline-wired-${id}-inputs.subject`).textContent).toContain(
      'the run uses',
    );
  });

  it('marks an image missing from this server, and looks again once a document is loaded (REVIEW-2 #3)', () => {
    const id = renderNode('reference', { image: picture('gone', 512) });
    fireEvent.error(screen.getByTestId(`thumb-${id}-image`));
    expect(screen.getByTestId(`missing-${id}-image`)).toBeTruthy();
    // A bundle import brings the blob and opens its document: the card tries the image again.
    const doc = useDocument.getState();
    act(() =>
      doc.load({
        format: 'atelier.workflow',
        version: 1,
        name: 'Imported',
        nodes: doc.nodes.map((n) => ({
          id: n.id,
          type: n.type,
          position: n.position,
          data: n.data,
        })),
        edges: [],
        inputs: [],
      }),
    );
    expect(screen.queryByTestId(`missing-${id}-image`)).toBeNull();
    expect(screen.getByTestId(`thumb-${id}-image`)).toBeTruthy();
  });

  /** A run of `id` that failed with a message far longer than the card. */
  const failWithLongError = (id: string) => {
    const message = `The inner node g1 failed: ${'the model refused this request. '.repeat(40)}`;
    act(() => {
      useSession.setState({
        nodeRuns: {
          [id]: { status: 'failed', cached: false, log: [], error: { code: 'failed', message } },
        },
      });
    });
    return message;
  };

  it('clamps a long error of a card without a preview box, whole text on hover', () => {
    const id = renderNode('prompt');
    const message = failWithLongError(id);
    const error = screen.getByTestId(`error-${id}`);
    expect(error.classList.contains('clamped')).toBe(true);
    expect(error.getAttribute('title')).toBe(`failed: ${message}`);
  });

  it('shows a failed recipe run’s error clamped inside its reserved results box, once', () => {
    useRecipes.setState({
      entries: {
        'w1@1': {
          status: 'ready',
          signature: { inputs: [], outputs: [{ name: 'hero', kind: 'image' }] },
          document: {
            format: 'atelier.workflow',
            version: 1,
            name: 'Shot',
            nodes: [],
            edges: [],
            inputs: [],
          },
        },
      },
    });
    const id = renderNode('recipe', { workflowId: 'w1', version: 1, inputs: {} });
    const message = failWithLongError(id);
    const errors = screen.getAllByTestId(`error-${id}`);
    expect(errors).toHaveLength(1);
    expect(screen.getByTestId(`recipe-results-${id}`).contains(errors[0]!)).toBe(true);
    expect(errors[0]!.classList.contains('clamped')).toBe(true);
    expect(errors[0]!.getAttribute('title')).toBe(`failed: ${message}`);
  });
});
