import type { DialogRequest } from '../store/session-store';
import { useSession } from '../store/session-store';

/** What a caller says of a dialog (the dialog components take the same, plus `onDone`). */
export type DialogOptions<K extends DialogRequest['kind']> = Omit<
  Extract<DialogRequest, { kind: K }>,
  'kind' | 'resolve'
>;

/** Opens the app's name dialog; resolves with the trimmed name, or undefined when cancelled. */
export const askName = (options: DialogOptions<'name'>): Promise<string | undefined> =>
  new Promise((resolve) => {
    useSession.getState().dialog?.resolve(undefined as never);
    useSession.getState().set({ dialog: { kind: 'name', ...options, resolve } });
  });

/** Opens the app's confirm dialog; resolves true when the person confirms. */
export const askConfirm = (options: DialogOptions<'confirm'>): Promise<boolean> =>
  new Promise((resolve) => {
    useSession.getState().dialog?.resolve(undefined as never);
    useSession.getState().set({ dialog: { kind: 'confirm', ...options, resolve } });
  });
