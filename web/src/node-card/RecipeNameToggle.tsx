import type { FieldSpec, PortSpec } from '@atelier/graph';
import { useState } from 'react';
import { suggestInputName } from '../model/document-helpers';
import type { DocumentState } from '../store/document-store';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import './name-toggle.css';

/** A field named as a recipe input, or an output port named as a recipe output. */
export type NameTarget = { input: FieldSpec } | { output: PortSpec };

/** What differs between naming an input and naming an output: words, classes, store calls. */
interface Side {
  what: 'input' | 'output';
  thing: string;
  label: string;
  testId: string;
  unnamedText: string;
  namedText(name: string): string;
  unnamedTitle: string;
  named(s: DocumentState): string | undefined;
  taken(s: DocumentState): readonly { name: string }[];
  base: string;
  apply(name: string | null): string | undefined;
}

/**
 * The suggested input name: the field's own name (an edit's `instruction`, a search's `query`),
 * except a prompt's generic `text`, which is what the recipe is about.
 */
const inputBase = (field: FieldSpec) =>
  field.name === 'text' ? 'subject' : field.name.replace(/\W/g, '_');

const sideOf = (nodeId: string, target: NameTarget, place: string): Side => {
  const doc = () => useDocument.getState();
  if ('input' in target) {
    const field = target.input;
    return {
      what: 'input',
      thing: field.name,
      label: field.label,
      testId: `${place}expose-${nodeId}-${field.name}`,
      unnamedText: '⇢ input',
      namedText: (name) => `⇢ ${name}`,
      unnamedTitle: 'Make this a named input of the recipe',
      named: (s) => s.inputs.find((i) => i.node === nodeId && i.field === field.name)?.name,
      taken: (s) => s.inputs,
      base: inputBase(field),
      apply: (name) => doc().setInput(nodeId, field.name, name),
    };
  }
  const port = target.output;
  return {
    what: 'output',
    thing: port.name,
    label: port.label,
    testId: `${place}output-${nodeId}-${port.name}`,
    unnamedText: '⇢ out',
    namedText: (name) => `${name} ⇢`,
    unnamedTitle: 'Make this port a named output of the recipe (a recipe node shows it as a port)',
    named: (s) => s.outputs?.find((o) => o.node === nodeId && o.port === port.name)?.name,
    taken: (s) => s.outputs ?? [],
    base: port.name.replace(/\W/g, '_'),
    apply: (name) => doc().setOutput(nodeId, port.name, name),
  };
};

/**
 * Names a field as one of the recipe's inputs ("⇢ input") or an output port as one of its
 * outputs ("⇢ out"): click to name it inline; click a named one to rename or remove it.
 */
export function RecipeNameToggle({
  nodeId,
  target,
  place = 'card',
}: {
  nodeId: string;
  target: NameTarget;
  /** Test ids stay unique when the card and the inspector both show it. */
  place?: 'card' | 'inspector';
}) {
  const side = sideOf(nodeId, target, place === 'card' ? '' : `${place}-`);
  const named = useDocument(side.named);
  const [naming, setNaming] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const { testId, label, what } = side;
  const close = () => {
    setNaming(undefined);
    setProblem(undefined);
  };

  if (naming !== undefined) {
    const confirm = () => {
      const name = naming.trim();
      if (name === named) return close();
      const result = side.apply(name);
      if (result) return setProblem(result);
      close();
      useSession.getState().toast(`${label} is now the recipe ${what} "${name}"`, 'success');
    };
    return (
      <span className={`name-naming name-${what} nodrag`} onClick={(e) => e.stopPropagation()}>
        <input
          autoFocus
          data-testid={`${testId}-name`}
          aria-label={`${what === 'input' ? 'Input' : 'Output'} name for ${label}`}
          className="field-input expose-name"
          value={naming}
          onChange={(e) => setNaming(e.target.value)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Enter') confirm();
            if (e.key === 'Escape') close();
          }}
        />
        <button
          type="button"
          className="mini-button"
          data-testid={`${testId}-confirm`}
          onClick={confirm}
        >
          OK
        </button>
        {named && (
          <button
            type="button"
            className="mini-button"
            data-testid={`${testId}-remove`}
            aria-label={`Stop naming ${label} as ${what} ${named}`}
            onClick={() => {
              side.apply(null);
              close();
            }}
          >
            Remove
          </button>
        )}
        {problem && (
          <span role="alert" className="field-problem">
            {problem}
          </span>
        )}
      </span>
    );
  }

  return (
    <button
      type="button"
      className={`nodrag name-${named ? 'chip' : 'toggle'} name-${what}`}
      data-testid={testId}
      aria-pressed={named ? 'true' : 'false'}
      aria-label={
        named
          ? `Rename or remove the recipe ${what} ${named}`
          : `Make ${label} ${what === 'input' ? 'an input' : 'an output'} of the recipe`
      }
      title={named ? `Recipe ${what} "${named}": click to rename or remove` : side.unnamedTitle}
      onClick={() =>
        setNaming(named ?? suggestInputName(side.taken(useDocument.getState()), side.base))
      }
    >
      {named ? side.namedText(named) : side.unnamedText}
    </button>
  );
}
