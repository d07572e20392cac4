import { describe, expect, it } from 'vitest';
import { definitions } from '../model/catalogue';
import { rankMatches } from './palette-search';

const typesFor = (query: string) => rankMatches(definitions, query).map((d) => d.type);

describe('rankMatches', () => {
  it('keeps every node type in palette order for an empty query', () => {
    expect(typesFor('  ')).toEqual(definitions.map((d) => d.type));
  });

  it('puts a type whose name starts with the query before one whose description mentions it', () => {
    expect(typesFor('edit')).toEqual(['edit', 'mask']);
  });

  it('ranks a word start in the name above a match in the description', () => {
    expect(typesFor('search')[0]).toBe('web_search');
    expect(typesFor('image').slice(0, 3)).toEqual(['reference', 'generate', 'edit']);
  });

  it('ranks a name prefix above a word start, and a word start above a substring', () => {
    const items = [
      { type: 'b', title: 'Fooled', description: '' },
      { type: 'c', title: 'Big fool', description: '' },
      { type: 'd', title: 'Foo', description: '' },
      { type: 'a', title: 'Tofoo', description: '' },
      { type: 'e', title: 'Other', description: 'a foo' },
    ];
    expect(rankMatches(items, 'foo').map((i) => i.type)).toEqual(['b', 'd', 'c', 'a', 'e']);
  });

  it('matches case-insensitively and leaves out what does not match', () => {
    expect(typesFor('EDIT IMAGE')).toEqual(['edit']);
    expect(typesFor('zebra')).toEqual([]);
  });
});
