import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useSearchList } from './use-search-list';

const FRUIT = ['apple', 'apricot', 'banana', 'cherry'] as const;
const startsWith = (items: readonly string[], query: string) =>
  items.filter((i) => i.startsWith(query));

const setup = () => renderHook(() => useSearchList(FRUIT, startsWith));

describe('useSearchList', () => {
  it('filters by the query and highlights the first match anew on each change', () => {
    const { result } = setup();
    expect(result.current.matches).toEqual(FRUIT);
    act(() => void result.current.onKey('ArrowDown', () => undefined));
    expect(result.current.active).toBe(1);
    act(() => result.current.setQuery('ap'));
    expect(result.current.matches).toEqual(['apple', 'apricot']);
    expect(result.current.active).toBe(0);
  });

  it('moves the highlight with the arrows, stopping at either end', () => {
    const { result } = setup();
    act(() => result.current.setQuery('ap'));
    for (let i = 0; i < 3; i++) act(() => void result.current.onKey('ArrowDown', () => undefined));
    expect(result.current.active).toBe(1);
    for (let i = 0; i < 3; i++) act(() => void result.current.onKey('ArrowUp', () => undefined));
    expect(result.current.active).toBe(0);
  });

  it('chooses the highlighted match on Enter, and nothing when none matches', () => {
    const choose = vi.fn();
    const { result } = setup();
    act(() => result.current.setQuery('ap'));
    act(() => void result.current.onKey('ArrowDown', choose));
    expect(choose).not.toHaveBeenCalled();
    let handled = false;
    act(() => void (handled = result.current.onKey('Enter', choose)));
    expect(handled).toBe(true);
    expect(choose).toHaveBeenCalledWith('apricot');
    act(() => result.current.setQuery('kiwi'));
    act(() => void (handled = result.current.onKey('Enter', choose)));
    expect(handled).toBe(false);
    expect(choose).toHaveBeenCalledTimes(1);
  });

  it('leaves every other key to the caller', () => {
    const { result } = setup();
    for (const key of ['Escape', 'Tab', 'a', 'Home'])
      expect(result.current.onKey(key, () => undefined)).toBe(false);
  });
});
