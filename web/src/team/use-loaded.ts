import { useCallback, useEffect, useRef, useState } from 'react';

/** Loads on mount and on `reload()`; keeps the last value and the last error's message. */
export const useLoaded = <T>(load: () => Promise<T>) => {
  const loader = useRef(load);
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<string>();
  const reload = useCallback(() => {
    loader.current().then(
      (v) => {
        setValue(v);
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(reload, [reload]);
  return { value, error, reload, setError };
};
