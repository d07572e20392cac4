import { useEffect } from 'react';
import { authHeaders } from '../api/access-token';
import { versionsApi } from '../api/versions-api';
import { useDocument } from '../store/document-store';
import { SESSION, useVersions } from './versions-store';

/** How often an open editor says it is still there (the server forgets after 30 s). */
export const BEAT_MS = 5_000;

/** Closing the tab: a request that outlives the page (keepalive), so others see it go at once. */
const leaveOnClose = (id: string) => {
  void fetch(`/api/workflows/${encodeURIComponent(id)}/presence/${SESSION}`, {
    method: 'DELETE',
    keepalive: true,
    headers: authHeaders(),
  }).catch(() => {});
};

/**
 * Keeps this tab listed as a viewer of the open library workflow while it is open, and reads
 * who else is there. Leaves when another workflow opens, the editor unmounts or the tab closes.
 */
export function usePresence() {
  const workflowId = useDocument((s) => s.workflowId);
  useEffect(() => {
    const { set } = useVersions.getState();
    if (!workflowId) {
      set({ viewers: [], latest: undefined });
      return;
    }
    let stopped = false;
    const beat = () =>
      versionsApi.beat(workflowId, SESSION).then(
        (answer) => {
          if (!stopped) set({ viewers: answer.viewers, latest: answer.latest });
        },
        () => {
          // A missed beat is retried on the next tick; presence is best effort.
        },
      );
    void beat();
    const timer = setInterval(() => void beat(), BEAT_MS);
    const onHide = () => leaveOnClose(workflowId);
    window.addEventListener('pagehide', onHide);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('pagehide', onHide);
      set({ viewers: [], latest: undefined });
      void versionsApi.leave(workflowId, SESSION).catch(() => {});
    };
  }, [workflowId]);
}
