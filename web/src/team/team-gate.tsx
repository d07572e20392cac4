import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import { EntryPage } from './EntryPage';
import { useMe } from './me-store';
import { invitationIdOf, whoAmI } from './who-am-i';

/**
 * Before the editor starts: who is signed in. Solo mode and team members go on to the editor
 * (true); in team mode a visitor, an account in no team, or an invitation link get their page
 * here instead (false).
 */
export const passTeamGate = async (root: Root): Promise<boolean> => {
  const inviteId = invitationIdOf(location.pathname);
  const entry = await whoAmI();
  if (entry.kind === 'solo' || entry.kind === 'member') useMe.getState().set(entry.me);
  if (entry.kind === 'solo' || (entry.kind === 'member' && !inviteId)) return true;
  root.render(
    <StrictMode>
      <EntryPage entry={entry} inviteId={inviteId} />
    </StrictMode>,
  );
  return false;
};
