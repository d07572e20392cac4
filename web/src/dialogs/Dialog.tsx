import type { ReactNode } from 'react';
import { useId } from 'react';

/**
 * The app's modal: a titled box over a dimmed backdrop. Esc and a click outside call
 * `onClose`; keys typed inside never reach the canvas shortcuts. Build dialogs from this one
 * (NameDialog, ConfirmDialog, the run form…) so they look and behave alike.
 */
export function Dialog({
  title,
  onClose,
  children,
  actions,
  testId,
  role = 'dialog',
  onSubmit,
  className,
}: {
  title: string;
  onClose(): void;
  children?: ReactNode;
  actions: ReactNode;
  testId?: string;
  role?: 'dialog' | 'alertdialog';
  /** Makes the box a form: Enter in a field submits. */
  onSubmit?(): void;
  className?: string;
}) {
  const titleId = useId();
  const body = (
    <>
      <h2 id={titleId}>{title}</h2>
      {children}
      <div className="dialog-actions">{actions}</div>
    </>
  );
  const props = {
    className: `dialog${className ? ` ${className}` : ''}`,
    role,
    'aria-modal': true,
    'aria-labelledby': titleId,
    'data-testid': testId,
    onClick: (e: React.MouseEvent) => e.stopPropagation(),
    onKeyDown: (e: React.KeyboardEvent) => {
      e.stopPropagation();
      if (e.key === 'Escape') onClose();
    },
  };
  return (
    <div className="modal-backdrop" onClick={onClose}>
      {onSubmit ? (
        <form
          {...props}
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {body}
        </form>
      ) : (
        <div {...props}>{body}</div>
      )}
    </div>
  );
}
