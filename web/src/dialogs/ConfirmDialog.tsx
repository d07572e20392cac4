import type { DialogOptions } from './ask';
import { Dialog } from './Dialog';

/**
 * A yes/no question (discard unsaved changes, delete from the library), with what it concerns
 * listed under it when there is a list (the workflows that use a recipe about to be deleted).
 */
export function ConfirmDialog({
  title,
  message,
  confirm,
  danger,
  items,
  testId = 'confirm-dialog',
  onDone,
}: DialogOptions<'confirm'> & { onDone(ok: boolean): void }) {
  return (
    <Dialog
      title={title}
      role="alertdialog"
      testId={testId}
      onClose={() => onDone(false)}
      actions={
        <>
          <button
            type="button"
            className="tb"
            data-testid={`${testId}-cancel`}
            onClick={() => onDone(false)}
          >
            Cancel
          </button>
          <button
            type="button"
            autoFocus
            className={`tb ${danger ? 'danger' : 'primary'}`}
            data-testid={`${testId}-confirm`}
            onClick={() => onDone(true)}
          >
            {confirm}
          </button>
        </>
      }
    >
      <p>{message}</p>
      {items && items.length > 0 && (
        <ul className="confirm-items" data-testid={`${testId}-items`}>
          {items.map((item) => (
            <li key={item.id} data-testid={`${testId}-item-${item.id}`}>
              <strong>{item.label}</strong>
              {item.detail && <span className="muted small"> {item.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
