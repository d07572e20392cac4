import { describe, expect, it } from 'vitest';
import { initials } from './PresenceBadge';

describe('presence chips', () => {
  it('show one or two letters of a name', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('  bo ')).toBe('B');
    expect(initials('Élodie de la Tour')).toBe('ÉD');
    expect(initials('')).toBe('?');
  });
});
