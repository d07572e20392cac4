import { useCallback, useState } from 'react';

/**
 * Two things picked to compare (runs in History, rows of a batch): picking one again unpicks
 * it, a third pick lets go of the oldest.
 */
export function usePickTwo<T>() {
  const [picked, setPicked] = useState<T[]>([]);
  const pick = useCallback(
    (x: T) => setPicked((p) => (p.includes(x) ? p.filter((y) => y !== x) : [...p, x].slice(-2))),
    [],
  );
  return [picked, pick] as const;
}
