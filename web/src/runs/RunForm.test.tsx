import type { BlobId } from '@atelier/graph';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDocument } from '../store/document-store';
import { useRecipes } from '../store/recipes-store';
import { useSession } from '../store/session-store';
import { RunForm } from './RunForm';

const subject = () => screen.getByTestId<HTMLTextAreaElement>('input-subject');

/** Opens the form, optionally types a subject, submits; returns the text the form opened with. */
const runWith = async (text?: string): Promise<string> => {
  act(() => useSession.getState().set({ runForm: {} }));
  const opened = subject().value;
  if (text !== undefined) fireEvent.change(subject(), { target: { value: text } });
  await act(async () => {
    fireEvent.submit(screen.getByTestId('run-form'));
    await Promise.resolve();
  });
  return opened;
};

/** The run requests the server received (POST /api/runs bodies): the network boundary only. */
let sent: { inputs?: Record<string, unknown> }[] = [];
class QuietEventSource {
  static readonly CLOSED = 2;
  readyState = 0;
  onmessage = null;
  onerror = null;
  constructor(readonly url: string) {}
  addEventListener() {}
  close() {}
}

let promptId = '';
beforeEach(() => {
  sent = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((_url: string, init: RequestInit = {}) => {
      sent.push(JSON.parse(init.body as string) as (typeof sent)[number]);
      return Promise.resolve(
        new Response(JSON.stringify({ id: `run_${sent.length}` }), {
          status: 202,
          headers: { 'content-type': 'application/json' },
        }),
      );
    }),
  );
  vi.stubGlobal('EventSource', QuietEventSource);
  useDocument.setState({ nodes: [], edges: [], inputs: [], outputs: [], past: [], future: [] });
  useSession.setState({ nodeRuns: {}, run: undefined, runForm: undefined });
  useSession.setState({ lastRunInputs: undefined });
  promptId = useDocument.getState().addNode('prompt', { x: 0, y: 0 }, { data: { text: 'a fox' } });
  useDocument.getState().setInput(promptId, 'text', 'subject');
  render(<RunForm />);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('RunForm', () => {
  it("opens with the field's value, then with what the last run was given", async () => {
    expect(await runWith('a lighthouse')).toBe('a fox');
    expect(useSession.getState().lastRunInputs?.values).toEqual({ subject: 'a lighthouse' });
    // The run really started, with the value typed in the form.
    expect(sent.map((body) => body.inputs)).toEqual([{ subject: 'a lighthouse' }]);
    expect(useSession.getState().run).toMatchObject({
      id: 'run_1',
      inputs: { subject: 'a lighthouse' },
    });
    expect(await runWith()).toBe('a lighthouse');
    expect(sent.map((body) => body.inputs)).toEqual([
      { subject: 'a lighthouse' },
      { subject: 'a lighthouse' },
    ]);
    expect(screen.queryByTestId('run-form')).toBeNull();
    act(() => useSession.getState().set({ runForm: {} }));
    expect(screen.getByTestId('run-form').textContent).toContain('those of your last run');
  });

  it('prefers a field edited on the canvas since that run', async () => {
    await runWith('a lighthouse');
    act(() => useDocument.getState().updateField(promptId, 'text', 'a red barn'));
    expect(await runWith()).toBe('a red barn');
  });

  it('forgets the values when another document is loaded', async () => {
    await runWith('a lighthouse');
    const workflow = {
      format: 'atelier.workflow' as const,
      version: 1 as const,
      name: 'Other',
      nodes: [{ id: promptId, type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a fox' } }],
      edges: [],
      inputs: [{ name: 'subject', node: promptId, field: 'text' }],
    };
    act(() => useDocument.getState().load(workflow));
    expect(await runWith()).toBe('a fox');
  });
});

describe('the run form lists the named outputs', () => {
  it('says what the run will produce, then what the run on screen produced by name', () => {
    const g = useDocument.getState().addNode('generate', { x: 300, y: 0 });
    useDocument.getState().setOutput(g, 'image', 'hero');
    useDocument.getState().setOutput(g, 'revised_prompt', 'caption');
    act(() => useSession.getState().set({ runForm: {} }));
    expect(screen.getByTestId('run-form-output-hero').textContent).toBe('hero image');
    expect(screen.getByTestId('run-form-output-caption').textContent).toBe('caption text');
    act(() =>
      useSession.setState({
        nodeRuns: {
          [g]: {
            status: 'succeeded',
            cached: false,
            log: [],
            outputs: {
              image: { blob: 'b'.repeat(64) as BlobId, mime: 'image/png', width: 8, height: 8 },
              revised_prompt: 'a fox at dusk',
            },
          },
        },
      }),
    );
    expect(screen.getByTestId('run-form-output-image-hero')).toBeTruthy();
    expect(screen.getByTestId('run-form-output-last-caption').textContent).toBe(
      'Last run: a fox at dusk',
    );
  });

  it("labels the run on screen's outputs as the last run's, and as stale once an input changes", () => {
    const g = useDocument.getState().addNode('generate', { x: 300, y: 0 });
    useDocument.getState().setOutput(g, 'image', 'hero');
    useSession.setState({
      run: {
        id: 'run_0',
        status: 'succeeded',
        startedAt: 0,
        order: [promptId, g],
        cost: 0,
        saved: { nodes: 0, cost: 0 },
        inputs: { subject: 'a fox' },
      },
      nodeRuns: {
        [g]: {
          status: 'succeeded',
          cached: false,
          log: [],
          outputs: {
            image: { blob: 'b'.repeat(64) as BlobId, mime: 'image/png', width: 8, height: 8 },
          },
        },
      },
    });
    act(() => useSession.getState().set({ runForm: {} }));
    const last = () => screen.getByTestId('run-form-output-last-hero');
    // The image is the last run's, said in words, not this run's output.
    expect(last().textContent).toBe('Last run:');
    expect(last().dataset.stale).toBe('false');
    expect(screen.getByTestId<HTMLImageElement>('run-form-output-image-hero').alt).toBe(
      'hero, from the last run',
    );
    fireEvent.change(subject(), { target: { value: 'a lighthouse' } });
    expect(last().textContent).toBe('Last run, before the inputs changed:');
    expect(last().dataset.stale).toBe('true');
    expect(last().className).toContain('stale');
    // Typing the run's value back makes it that run's output again.
    fireEvent.change(subject(), { target: { value: 'a fox' } });
    expect(last().textContent).toBe('Last run:');
  });

  it("gives a recipe node's outputs their kind from the recipe's signature", () => {
    useRecipes.setState({
      entries: {
        'w1@2': {
          status: 'ready',
          signature: {
            inputs: [],
            outputs: [
              { name: 'shot', kind: 'image' },
              { name: 'caption', kind: 'text' },
            ],
          },
          document: {
            format: 'atelier.workflow',
            version: 1,
            name: 'Product shot',
            nodes: [],
            edges: [],
            inputs: [],
          },
        },
      },
    });
    const r = useDocument
      .getState()
      .addNode('recipe', { x: 300, y: 0 }, { data: { workflowId: 'w1', version: 2, inputs: {} } });
    useDocument.getState().setOutput(r, 'shot', 'hero');
    useDocument.getState().setOutput(r, 'caption', 'blurb');
    act(() => useSession.getState().set({ runForm: {} }));
    expect(screen.getByTestId('run-form-output-hero').textContent).toBe('hero image');
    expect(screen.getByTestId('run-form-output-blurb').textContent).toBe('blurb text');
  });
});
