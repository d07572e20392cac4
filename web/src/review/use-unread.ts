import { useEffect, useState } from 'react';
import { reviewApi } from './review-api';

const REFRESH = 'atelier:inbox-refresh';
export const refreshUnread = () => window.dispatchEvent(new Event(REFRESH));

/** The inbox's unread count, refreshed every 20 s, on focus and when the inbox changes. */
export function useUnread(): number {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    const load = () =>
      void reviewApi.inbox().then(
        (r) => setUnread(r.unread),
        () => {},
      );
    load();
    const timer = setInterval(load, 20_000);
    window.addEventListener(REFRESH, load);
    window.addEventListener('focus', load);
    return () => {
      clearInterval(timer);
      window.removeEventListener(REFRESH, load);
      window.removeEventListener('focus', load);
    };
  }, []);
  return unread;
}
