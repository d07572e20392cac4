import { useCallback, useEffect, useRef, useState } from 'react';
import type { SharedRun } from './share-api';
import { shareApi, ShareError } from './share-api';

export interface ShareRunState {
  run?: SharedRun;
  /** The newest partial image of each node while it generates. */
  partials: Record<string, string>;
  running: boolean;
  error?: string;
}

/**
 * Starts a run through the link and follows it: partial images as they stream, the record
 * (status, outputs) after each node and at the end.
 */
export const useShareRun = (token: string) => {
  const [state, setState] = useState<ShareRunState>({ partials: {}, running: false });
  const source = useRef<EventSource | undefined>(undefined);

  useEffect(() => () => source.current?.close(), []);

  const refresh = useCallback(
    async (id: string) => {
      try {
        const run = await shareApi.getRun(token, id);
        setState((s) => ({ ...s, run }));
        return run;
      } catch (error) {
        setState((s) => ({ ...s, error: (error as Error).message }));
        return undefined;
      }
    },
    [token],
  );

  const start = useCallback(
    async (inputs: Record<string, string | { blob: string }>) => {
      source.current?.close();
      setState({ partials: {}, running: true });
      let id: string;
      try {
        id = (await shareApi.run(token, inputs)).id;
      } catch (error) {
        const message = error instanceof ShareError ? error.message : String(error);
        setState({ partials: {}, running: false, error: message });
        return;
      }
      const events = new EventSource(shareApi.eventsUrl(token, id));
      source.current = events;
      const finish = async () => {
        events.close();
        await refresh(id);
        setState((s) => ({ ...s, running: false }));
      };
      events.addEventListener('node.partial_image', (e) => {
        const data = JSON.parse((e as MessageEvent<string>).data) as {
          nodeId: string;
          image: { blob: string };
        };
        setState((s) => ({ ...s, partials: { ...s.partials, [data.nodeId]: data.image.blob } }));
      });
      for (const type of ['node.completed', 'node.failed', 'run.started'])
        events.addEventListener(type, () => void refresh(id));
      events.addEventListener('run.completed', () => void finish());
      events.addEventListener('run.ended', () => void finish());
      events.onerror = () => {
        // The stream ended (204 after the end) or the connection dropped: read the record.
        if (events.readyState === EventSource.CLOSED) void finish();
      };
    },
    [token, refresh],
  );

  return { ...state, start };
};
