import { useSession } from '../store/session-store';
import { ConfirmDialog } from './ConfirmDialog';
import { NameDialog } from './NameDialog';

/** Shows the dialog `askName` / `askConfirm` opened, and answers it. */
export function DialogHost() {
  const dialog = useSession((s) => s.dialog);
  if (!dialog) return null;
  const close = () => useSession.getState().set({ dialog: undefined });
  switch (dialog.kind) {
    case 'name':
      return (
        <NameDialog
          key={dialog.title}
          {...dialog}
          onDone={(name) => {
            close();
            dialog.resolve(name);
          }}
        />
      );
    case 'confirm':
      return (
        <ConfirmDialog
          {...dialog}
          onDone={(ok) => {
            close();
            dialog.resolve(ok);
          }}
        />
      );
    default: {
      const never: never = dialog;
      return never;
    }
  }
}
