import { describe, expect, it } from 'vitest';
import { deniedReason, roleCan } from './me-store';
import type { Me, Role } from './team-api';

const member = (role: Role): Me => ({
  mode: 'accounts',
  user: { id: 'u1', name: 'Vi', email: 'vi@studio.test', role },
  team: { id: 't1', name: 'Studio' },
});

describe('deniedReason', () => {
  it('never denies anything in solo mode (the editor is as it always was)', () => {
    const solo: Me = {
      mode: 'solo',
      user: { id: 'local', name: 'You', role: 'owner' },
      team: null,
    };
    for (const action of ['view', 'comment', 'run', 'edit', 'admin'] as const) {
      expect(deniedReason(solo, action)).toBeUndefined();
      expect(deniedReason(undefined, action)).toBeUndefined();
    }
  });

  it('lets a viewer view and comment, and says why it cannot run or edit', () => {
    const viewer = member('viewer');
    expect(deniedReason(viewer, 'comment')).toBeUndefined();
    expect(deniedReason(viewer, 'run')).toMatch(/viewer.*cannot run recipes/);
    expect(deniedReason(viewer, 'edit')).toMatch(/viewer.*cannot edit, save or share/);
  });

  it('lets a runner run but not edit, and an editor do all but admin', () => {
    expect(deniedReason(member('runner'), 'run')).toBeUndefined();
    expect(deniedReason(member('runner'), 'edit')).toMatch(/runner/);
    expect(deniedReason(member('editor'), 'edit')).toBeUndefined();
    expect(deniedReason(member('editor'), 'admin')).toMatch(/manage the team/);
    expect(roleCan('admin', 'admin')).toBe(true);
    expect(roleCan(null, 'view')).toBe(false);
  });
});
