import type { PortSpec } from '@atelier/graph';
import { useState } from 'react';
import { suggestInputName } from '../model/document-helpers';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { useDenied } from '../team/me-store';

/**
 * Names an output port as one of the recipe's outputs (as "⇢ input" names a field): click to
 * name it; click a named one to rename or remove it.
 */
export function OutputToggle({
  nodeId,
  port,
  place = 'card',
}: {
  nodeId: string;
  port: PortSpec;
  /** Test ids stay unique when the card and the inspector both show the port. */
  place?: 'card' | 'inspector';
}) {
  const named = useDocument(
    (s) => s.outputs?.find((o) => o.node === nodeId && o.port === port.name)?.name,
  );
  const noEdit = useDenied('edit');
  const [naming, setNaming] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const testId = `${place === 'card' ? '' : `${place}-`}output-${nodeId}-${port.name}`;
  const close = () => {
    setNaming(undefined);
    setProblem(undefined);
  };

  if (naming !== undefined) {
    const confirm = () => {
      const name = naming.trim();
      const result = useDocument.getState().setOutput(nodeId, port.name, name);
      if (result) return setProblem(result);
      close();
      useSession.getState().toast(`${port.label} is now the recipe output "${name}"`, 'success');
    };
    return (
      <span className="output-naming nodrag" onClick={(e) => e.stopPropagation()}>
        <input
          autoFocus
          data-testid={`${testId}-name`}
          aria-label={`Output name for ${port.label}`}
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
            aria-label={`Stop naming ${port.label} as output ${named}`}
            onClick={() => {
              useDocument.getState().setOutput(nodeId, port.name, null);
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
      className={`nodrag ${named ? 'output-chip' : 'output-toggle'}`}
      data-testid={testId}
      aria-pressed={named ? 'true' : 'false'}
      disabled={!!noEdit}
      aria-label={
        named
          ? `Rename or remove the recipe output ${named}`
          : `Make ${port.label} an output of the recipe`
      }
      title={
        noEdit ??
        (named
          ? `Recipe output "${named}": click to rename or remove`
          : 'Make this port a named output of the recipe (a recipe node shows it as a port)')
      }
      onClick={() =>
        setNaming(
          named ??
            suggestInputName(useDocument.getState().outputs ?? [], port.name.replace(/\W/g, '_')),
        )
      }
    >
      {named ? `${named} ⇢` : '⇢ out'}
    </button>
  );
}
