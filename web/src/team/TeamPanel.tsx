import { useState } from 'react';
import { useDenied } from './me-store';
import { MembersTab } from './MembersTab';
import { TokensTab } from './TokensTab';
import { AuditTab } from './AuditTab';

type Tab = 'members' | 'tokens' | 'audit';

/** The Team panel: members and invitations, your personal API tokens, the audit log (admins). */
export function TeamPanel({ onClose }: { onClose(): void }) {
  const [tab, setTab] = useState<Tab>('members');
  const notAdmin = useDenied('admin');
  const tabs: { id: Tab; label: string; why?: string }[] = [
    { id: 'members', label: 'Members' },
    { id: 'tokens', label: 'API tokens' },
    { id: 'audit', label: 'Audit log', why: notAdmin },
  ];
  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div className="dialog team-panel" role="dialog" aria-label="Team" data-testid="team-panel">
        <div className="team-head">
          <h2>Team</h2>
          <div className="auth-tabs" role="tablist">
            {tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                className={`tb${tab === t.id ? ' on' : ''}`}
                data-testid={`team-tab-${t.id}`}
                disabled={!!t.why}
                title={t.why}
                onClick={() => setTab(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
          <button type="button" className="tb" data-testid="team-close" onClick={onClose}>
            Close
          </button>
        </div>
        {tab === 'members' && <MembersTab />}
        {tab === 'tokens' && <TokensTab />}
        {tab === 'audit' && !notAdmin && <AuditTab />}
      </div>
    </div>
  );
}
