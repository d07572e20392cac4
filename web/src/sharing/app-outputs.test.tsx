import type { Workflow } from '@atelier/graph';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appOutputs } from './app-outputs';
import type { SharedRecipe, SharedRun } from './share-api';
import { ShareApp } from './ShareApp';

const image = (blob: string) => ({ blob, mime: 'image/png', width: 8, height: 8 });

const doc: Workflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Poster',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a lighthouse' } },
    { id: 'g1', type: 'generate', position: { x: 300, y: 0 }, data: {} },
    { id: 'e1', type: 'edit', position: { x: 600, y: 0 }, data: { instruction: 'at dusk' } },
  ],
  edges: [],
  inputs: [
    { name: 'subject', node: 'p1', field: 'text' },
    { name: 'weather', node: 'e1', field: 'instruction' },
  ],
  outputs: [{ name: 'poster', node: 'e1', port: 'image' }],
};

const run: SharedRun = {
  id: 'run1',
  status: 'succeeded',
  createdAt: 0,
  cost: 0,
  nodes: {
    g1: { status: 'succeeded', cached: false, outputs: { image: image('a'.repeat(64)) } },
    e1: { status: 'succeeded', cached: false, outputs: { image: image('b'.repeat(64)) } },
  },
};

afterEach(cleanup);

describe('the app page of a run link', () => {
  it("labels each field with the input's name, not the field's generic label", () => {
    const recipe: SharedRecipe = {
      access: 'run',
      workflow: { id: 'w1', name: 'Poster', version: 1, document: doc },
      versions: [],
      latestRun: null,
      inputs: [
        { name: 'subject', label: 'Text', kind: 'text', node: 'p1', field: 'text', default: '' },
        {
          name: 'weather',
          label: 'Instruction',
          kind: 'text',
          node: 'e1',
          field: 'instruction',
          default: '',
        },
      ],
    };
    render(<ShareApp token="tok" recipe={recipe} />);
    expect(screen.getByLabelText('subject')).toBeTruthy();
    expect(screen.getByLabelText('weather')).toBeTruthy();
    expect(screen.queryByText('Text')).toBeNull();
    expect(screen.queryByText('Instruction')).toBeNull();
  });

  it('keeps a label the author wrote on the input', () => {
    const labelled = {
      ...doc,
      inputs: [{ name: 'subject', node: 'p1', field: 'text', label: 'What to draw' }],
    };
    const recipe: SharedRecipe = {
      access: 'run',
      workflow: { id: 'w1', name: 'Poster', version: 1, document: labelled },
      versions: [],
      latestRun: null,
      inputs: [
        {
          name: 'subject',
          label: 'What to draw',
          kind: 'text',
          node: 'p1',
          field: 'text',
          default: '',
        },
      ],
    };
    render(<ShareApp token="tok" recipe={recipe} />);
    expect(screen.getByLabelText('What to draw')).toBeTruthy();
  });

  it('shows the declared outputs by name, not the intermediate images', () => {
    const shown = appOutputs(doc, run, {});
    expect(shown.map((o) => o.name)).toEqual(['poster']);
    expect(shown[0]!.images.map((i) => i.blob)).toEqual(['b'.repeat(64)]);
  });

  it("shows a declared output's partial image while it generates", () => {
    expect(appOutputs(doc, undefined, { e1: 'c'.repeat(64), g1: 'd'.repeat(64) })).toEqual([
      { name: 'poster', nodeId: 'e1', images: [], partial: 'c'.repeat(64) },
    ]);
  });

  it('shows every image-making node when the document declares no outputs', () => {
    const old = { ...doc, outputs: undefined };
    expect(appOutputs(old, run, {}).map((o) => o.name)).toEqual(['g1', 'e1']);
  });
});
