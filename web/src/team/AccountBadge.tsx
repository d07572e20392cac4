import './team.css';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import { isTeamMode, useMe } from './me-store';
import { teamApi } from './team-api';

const TeamPanel = lazy(() => import('./TeamPanel').then((m) => ({ default: m.TeamPanel })));

/** Whether the Team panel is open (it is a dialog over the editor). */
export const useTeamPanel = create<{ open: boolean; set(open: boolean): void }>((set) => ({
  open: false,
  set: (open) => set({ open }),
}));

const signOut = async () => {
  await teamApi.signOut().catch(() => undefined);
  window.location.assign('/');
};

/**
 * Header, team mode only: who is signed in and their role, as one compact button (the top bar
 * is full) opening a menu with the Team panel and sign-out.
 */
export function AccountBadge() {
  const me = useMe((s) => s.me);
  const panel = useTeamPanel((s) => s.open);
  const [menu, setMenu] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setMenu(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [menu]);
  if (!isTeamMode(me) || !me) return null;
  return (
    <div className="account" data-testid="account" ref={ref}>
      <button
        type="button"
        className={`tb${menu ? ' on' : ''}`}
        data-testid="account-menu"
        aria-haspopup="menu"
        aria-expanded={menu}
        title={`Signed in as ${me.user.name} (${me.user.email ?? ''}), ${me.user.role}`}
        onClick={() => setMenu(!menu)}
      >
        <span className="who" data-testid="signed-in-as">
          {me.user.name.split(/\s+/)[0]}
        </span>
        <span className={`role-chip role-${me.user.role}`} data-testid="my-role">
          {me.user.role}
        </span>
      </button>
      {menu && (
        <div className="account-menu" role="menu">
          <div className="account-email">
            <strong data-testid="account-name">{me.user.name}</strong>
            <span className="muted">{me.user.email}</span>
          </div>
          <button
            type="button"
            role="menuitem"
            className="tb"
            data-testid="open-team"
            onClick={() => {
              setMenu(false);
              useTeamPanel.getState().set(true);
            }}
          >
            Team: members, API tokens
            {me.user.role === 'owner' || me.user.role === 'admin' ? ', audit log' : ''}
          </button>
          <button
            type="button"
            role="menuitem"
            className="tb"
            data-testid="sign-out"
            onClick={() => void signOut()}
          >
            Sign out
          </button>
        </div>
      )}
      {panel && (
        <Suspense fallback={null}>
          <TeamPanel onClose={() => useTeamPanel.getState().set(false)} />
        </Suspense>
      )}
    </div>
  );
}
