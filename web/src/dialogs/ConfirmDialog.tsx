import { Dialog } from './Dialog';

/** A yes/no question (discard unsaved changes, delete from the library). */
export function ConfirmDialog({
  title,
  message,
  confirm,
  danger,
  onDone,
}: {
  title: string;
  message: string;
  confirm: string;
  danger?: boolean;
  onDone(ok: boolean): void;
}) {
  return (
    <Dialog
      title={title}
      role="alertdialog"
      testId="confirm-dialog"
      onClose={() => onDone(false)}
      actions={
        <>
          <button
            type="button"
            className="tb"
            data-testid="confirm-dialog-cancel"
            onClick={() => onDone(false)}
          >
            Cancel
          </button>
          <button
            type="button"
            autoFocus
            className={`tb ${danger ? 'danger' : 'primary'}`}
            data-testid="confirm-dialog-confirm"
            onClick={() => onDone(true)}
          >
            {confirm}
          </button>
        </>
      }
    >
      <p>{message}</p>
    </Dialog>
  );
}
