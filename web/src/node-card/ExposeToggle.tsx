import type { FieldSpec } from '@atelier/graph';
import { useState } from 'react';
import { suggestInputName } from '../model/document-helpers';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';

interface Props {
  nodeId: string;
  nodeType: string;
  field: FieldSpec;
  exposedAs?: string;
}

/** Marks a field as a named recipe input, asking for its name inline. */
export function ExposeToggle({ nodeId, field, exposedAs }: Props) {
  const [naming, setNaming] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const testId = `expose-${nodeId}-${field.name}`;

  if (exposedAs)
    return (
      <button
        type="button"
        className="nodrag expose-chip"
        data-testid={testId}
        aria-pressed="true"
        title={`Named input "${exposedAs}": click to stop exposing ${field.label}`}
        aria-label={`Stop exposing ${field.label} as input ${exposedAs}`}
        onClick={() => useDocument.getState().setInput(nodeId, field.name, null)}
      >
        ⇢ {exposedAs}
      </button>
    );

  if (naming !== undefined) {
    const confirm = () => {
      const result = useDocument.getState().setInput(nodeId, field.name, naming.trim());
      if (result) setProblem(result);
      else {
        setNaming(undefined);
        setProblem(undefined);
        useSession
          .getState()
          .toast(`${field.label} is now the recipe input "${naming.trim()}"`, 'success');
      }
    };
    return (
      <span className="expose-naming nodrag">
        <input
          autoFocus
          data-testid={`${testId}-name`}
          aria-label={`Input name for ${field.label}`}
          className="field-input expose-name"
          value={naming}
          onChange={(e) => setNaming(e.target.value)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Enter') confirm();
            if (e.key === 'Escape') setNaming(undefined);
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
      className="nodrag expose-toggle"
      data-testid={testId}
      aria-pressed="false"
      aria-label={`Expose ${field.label} as a recipe input`}
      title="Make this a named input of the recipe"
      onClick={() => {
        const base = field.kind === 'text' ? 'subject' : field.kind === 'mask' ? 'mask' : 'image';
        setNaming(suggestInputName(useDocument.getState().inputs, base));
      }}
    >
      ⇢ input
    </button>
  );
}
