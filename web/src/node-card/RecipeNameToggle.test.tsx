import type { FieldSpec, PortSpec } from '@atelier/graph';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useDocument } from '../store/document-store';
import { RecipeNameToggle } from './RecipeNameToggle';

const text: FieldSpec = {
  name: 'text',
  label: 'Text',
  kind: 'text',
  default: '',
  multiline: true,
  exposable: true,
};
const image: PortSpec = { name: 'image', kind: 'image', label: 'Image' };

beforeEach(() =>
  useDocument.setState({ nodes: [], edges: [], inputs: [], outputs: [], past: [], future: [] }),
);
afterEach(cleanup);

/** Clicks the toggle, types a name and confirms it. */
const name = (testId: string, value: string) => {
  fireEvent.click(screen.getByTestId(testId));
  fireEvent.change(screen.getByTestId(`${testId}-name`), { target: { value } });
  fireEvent.click(screen.getByTestId(`${testId}-confirm`));
};

describe.each([
  {
    what: 'a field as a recipe input',
    add: () => useDocument.getState().addNode('prompt', { x: 0, y: 0 }),
    target: { input: text },
    testId: (id: string) => `expose-${id}-text`,
    suggested: 'subject',
    named: () => useDocument.getState().inputs.map((i) => i.name),
    chip: (n: string) => `⇢ ${n}`,
  },
  {
    what: 'an output port as a recipe output',
    add: () => useDocument.getState().addNode('generate', { x: 0, y: 0 }),
    target: { output: image },
    testId: (id: string) => `output-${id}-image`,
    suggested: 'image',
    named: () => (useDocument.getState().outputs ?? []).map((o) => o.name),
    chip: (n: string) => `${n} ⇢`,
  },
])('RecipeNameToggle names $what', ({ add, target, testId, suggested, named, chip }) => {
  it('suggests a name, names it, renames it and removes it', () => {
    const id = add();
    render(<RecipeNameToggle nodeId={id} target={target} />);
    const t = testId(id);
    fireEvent.click(screen.getByTestId(t));
    expect(screen.getByTestId<HTMLInputElement>(`${t}-name`).value).toBe(suggested);
    fireEvent.click(screen.getByTestId(`${t}-confirm`));
    expect(named()).toEqual([suggested]);
    expect(screen.getByTestId(t).textContent).toBe(chip(suggested));
    expect(screen.getByTestId(t).getAttribute('aria-pressed')).toBe('true');

    name(t, 'hero');
    expect(named()).toEqual(['hero']);

    fireEvent.click(screen.getByTestId(t));
    fireEvent.click(screen.getByTestId(`${t}-remove`));
    expect(named()).toEqual([]);
    expect(screen.getByTestId(t).getAttribute('aria-pressed')).toBe('false');
  });

  it('says what is wrong with a name and keeps the field open', () => {
    const id = add();
    render(<RecipeNameToggle nodeId={id} target={target} />);
    name(testId(id), '2 words');
    expect(screen.getByRole('alert').textContent).toMatch(/letters/);
    expect(named()).toEqual([]);
  });

  it('keeps ids apart when the inspector shows the same port or field', () => {
    const id = add();
    render(<RecipeNameToggle nodeId={id} target={target} place="inspector" />);
    expect(screen.getByTestId(`inspector-${testId(id)}`)).toBeTruthy();
  });
});

describe('RecipeNameToggle suggestions', () => {
  it('suggests a name from the field or port itself (REVIEW-2 #12)', () => {
    useDocument
      .getState()
      .setInput(useDocument.getState().addNode('prompt', { x: 0, y: 0 }), 'text', 'subject');
    const id = useDocument.getState().addNode('edit', { x: 0, y: 0 });
    const instruction: FieldSpec = { ...text, name: 'instruction', label: 'Instruction' };
    render(<RecipeNameToggle nodeId={id} target={{ input: instruction }} />);
    fireEvent.click(screen.getByTestId(`expose-${id}-instruction`));
    expect(screen.getByTestId<HTMLInputElement>(`expose-${id}-instruction-name`).value).toBe(
      'instruction',
    );
  });
});
