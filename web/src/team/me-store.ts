import { create } from 'zustand';
import type { Me, Role } from './team-api';

/** What each role may do: the same table as the server's (server/src/auth/actor.ts). */
export type Action = 'view' | 'comment' | 'run' | 'edit' | 'admin';
const ALLOWED: Record<Role, readonly Action[]> = {
  owner: ['view', 'comment', 'run', 'edit', 'admin'],
  admin: ['view', 'comment', 'run', 'edit', 'admin'],
  editor: ['view', 'comment', 'run', 'edit'],
  runner: ['view', 'comment', 'run'],
  viewer: ['view', 'comment'],
};

export const roleCan = (role: Role | null | undefined, action: Action): boolean =>
  !!role && ALLOWED[role].includes(action);

interface MeState {
  /** Solo until /api/me says otherwise: solo mode is exactly as before (may do everything). */
  me: Me | undefined;
  set(me: Me | undefined): void;
}

export const useMe = create<MeState>((set) => ({
  me: undefined,
  set: (me) => set({ me }),
}));

export const isTeamMode = (me: Me | undefined): boolean => me?.mode === 'accounts';

/** Why the signed-in person may not `action` (for a control's tooltip), or undefined when they may. */
export const deniedReason = (me: Me | undefined, action: Action): string | undefined => {
  if (!isTeamMode(me)) return undefined;
  const role = me!.user.role;
  if (roleCan(role, action)) return undefined;
  const what: Record<Action, string> = {
    view: 'see this team’s work',
    comment: 'comment',
    run: 'run recipes',
    edit: 'edit, save or share',
    admin: 'manage the team',
  };
  return `Your role (${role ?? 'none'}) cannot ${what[action]}; ask an admin for a role that can.`;
};

/** `undefined` when the person may act; otherwise the reason, to show on hover. */
export const useDenied = (action: Action): string | undefined =>
  useMe((s) => deniedReason(s.me, action));

/** The same, outside React (actions and shortcuts). */
export const denied = (action: Action): string | undefined =>
  deniedReason(useMe.getState().me, action);
