import { useState } from 'react';
import type { DialogOptions } from './ask';
import { Dialog } from './Dialog';

/** Asks for a name (New workflow, Save as, Rename); a blank one is refused with a reason. */
export function NameDialog({
  title,
  label,
  initial,
  confirm,
  testId = 'name-dialog-input',
  onDone,
}: DialogOptions<'name'> & { onDone(name: string | undefined): void }) {
  const [name, setName] = useState(initial);
  const [problem, setProblem] = useState<string>();
  const submit = () => {
    if (!name.trim()) setProblem('Type a name: it is how you find this workflow in the library');
    else onDone(name.trim());
  };
  return (
    <Dialog
      title={title}
      testId="name-dialog"
      onClose={() => onDone(undefined)}
      onSubmit={submit}
      actions={
        <>
          <button
            type="button"
            className="tb"
            data-testid="name-dialog-cancel"
            onClick={() => onDone(undefined)}
          >
            Cancel
          </button>
          <button type="submit" className="tb primary" data-testid="name-dialog-confirm">
            {confirm}
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field-label">{label}</span>
        <input
          autoFocus
          className="field-input dialog-input"
          data-testid={testId}
          value={name}
          maxLength={200}
          onFocus={(e) => e.target.select()}
          onChange={(e) => {
            setName(e.target.value);
            setProblem(undefined);
          }}
        />
      </label>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
    </Dialog>
  );
}
