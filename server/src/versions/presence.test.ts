import { describe, expect, it } from 'vitest';
import { MAX_VIEWERS, PresenceRegistry } from './presence';

const ada = { id: 'u_ada', name: 'Ada' };
const bo = { id: 'u_bo', name: 'Bo' };

describe('PresenceRegistry', () => {
  it('keeps when a tab opened the workflow across heartbeats', () => {
    let now = 1_000;
    const presence = new PresenceRegistry(() => now);
    presence.beat('wf', 's1', ada);
    now = 5_000;
    presence.beat('wf', 's1', ada);
    expect(presence.list('wf')).toEqual([
      { session: 's1', id: 'u_ada', name: 'Ada', since: 1_000, seenAt: 5_000 },
    ]);
  });

  it('drops a tab that stopped beating for longer than the time to live', () => {
    let now = 0;
    const presence = new PresenceRegistry(() => now, 30_000);
    presence.beat('wf', 's1', ada);
    now = 20_000;
    presence.beat('wf', 's2', bo);
    now = 30_001;
    expect(presence.list('wf').map((v) => v.name)).toEqual(['Bo']);
    now = 60_000;
    expect(presence.list('wf')).toEqual([]);
  });

  it('a session id belongs to its first person', () => {
    const presence = new PresenceRegistry(() => 0);
    expect(presence.beat('wf', 's1', ada)).toBe('ok');
    expect(presence.beat('wf', 's1', bo)).toBe('taken');
    expect(presence.leave('wf', 's1', bo)).toBe(false);
    expect(presence.leave('wf', 's1', ada)).toBe(true);
    expect(presence.leave('wf', 's1', ada)).toBe(false);
  });

  it('refuses new sessions past the limit, but keeps beating known ones', () => {
    const presence = new PresenceRegistry(() => 0);
    for (let i = 0; i < MAX_VIEWERS; i++) expect(presence.beat('wf', `s${i}`, ada)).toBe('ok');
    expect(presence.beat('wf', 'one-more', ada)).toBe('full');
    expect(presence.beat('wf', 's0', ada)).toBe('ok');
    expect(presence.beat('other', 's0', ada)).toBe('ok');
  });
});
