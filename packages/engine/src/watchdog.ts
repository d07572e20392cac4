import { NodeError } from '@atelier/nodes';
import type {
  CreateOptions,
  ResponseObject,
  ResponsesClient,
  ResponsesRequest,
} from '@atelier/nodes';
import { cancelledError } from './api-gate';

const seconds = (ms: number): string => String(Math.round(ms / 10) / 100);

export const streamStalledError = (idleTimeoutMs: number): NodeError =>
  new NodeError(
    'stream_stalled',
    `OpenAI stopped sending data for ${seconds(idleTimeoutMs)} s; the request was aborted. ` +
      'Try again; if it keeps happening the service may be overloaded.',
    { retryable: true },
  );

/**
 * One `create` call under an idle watchdog. The SDK's timeout ends at the response
 * headers, so a stream that goes silent afterwards would hang forever: the timer starts
 * with the call, restarts on every stream event, and when it fires the call is aborted and
 * fails with `stream_stalled`. Cancelling the node rejects at once too, even if the client
 * is slow to honour its signal.
 */
export const createWithWatchdog = (
  client: ResponsesClient,
  request: ResponsesRequest,
  options: CreateOptions,
  idleTimeoutMs: number,
): Promise<ResponseObject> => {
  const { signal, onEvent } = options;
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise<ResponseObject>((resolve, reject) => {
    const controller = new AbortController();
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      settle();
    };
    const fail = (error: unknown) => {
      controller.abort(error);
      finish(() => reject(error));
    };
    const onAbort = () => fail(cancelledError());
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(streamStalledError(idleTimeoutMs)), idleTimeoutMs);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    arm();
    const call = (async () =>
      client.create(request, {
        signal: controller.signal,
        onEvent: (event) => {
          if (settled) return;
          arm();
          onEvent?.(event);
        },
      }))();
    call.then(
      (response) => finish(() => resolve(response)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
};
