import { describe, expect, it } from 'vitest';
import { mentionedPeople, mentionHandles } from './mentions';

const people = [
  { id: 'u1', name: 'Ada Lovelace' },
  { id: 'u2', name: 'Grace Hopper' },
  { id: 'u3', name: 'Grace Kelly' },
  { id: 'u4', name: 'Émile' },
];

describe('mentions', () => {
  it('reads @handles but not e-mail addresses', () => {
    expect(mentionHandles('@Ada looks good, cc @grace.hopper. mail ada@example.com')).toEqual([
      'ada',
      'grace.hopper',
    ]);
  });

  it('finds people by first name when it is unique, or by their whole name', () => {
    const found = mentionedPeople('@ada and @gracehopper and @émile', people, 'u9');
    expect(found.map((p) => p.id)).toEqual(['u1', 'u2', 'u4']);
  });

  it('does not guess between two people who share a first name', () => {
    expect(mentionedPeople('@grace?', people, 'u9')).toEqual([]);
  });

  it('never mentions the author to themself', () => {
    expect(mentionedPeople('note to @ada', people, 'u1')).toEqual([]);
  });
});
