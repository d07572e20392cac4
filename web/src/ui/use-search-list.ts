import { useMemo, useState } from 'react';

/**
 * A list filtered by a search box and chosen from by keyboard (the palette, the node search):
 * typing filters anew with the first match highlighted, the arrows move the highlight (stopping
 * at either end) and Enter chooses it. `rank` must be stable (a module function).
 */
export const useSearchList = <T>(
  items: readonly T[],
  rank: (items: readonly T[], query: string) => T[],
) => {
  const [query, setText] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => rank(items, query), [items, rank, query]);
  return {
    query,
    matches,
    active,
    setActive,
    setQuery: (text: string) => {
      setText(text);
      setActive(0);
    },
    /** Handles ArrowDown, ArrowUp and Enter (calls `choose`); false for any other key. */
    onKey: (key: string, choose: (item: T) => void): boolean => {
      if (key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length - 1));
      else if (key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
      else if (key === 'Enter' && matches[active]) choose(matches[active]);
      else return false;
      return true;
    },
  };
};
