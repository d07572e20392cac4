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
 * headers, so a stream that goes silent afterwards would hang forever: the watchdog starts
 * with the call, every stream event counts as activity, and after `idleTimeoutMs` without
 * any the call is aborted and fails with `stream_stalled`. Cancelling the node rejects at
 * once too, even if the client is slow to honour its signal.
 */
export const createWithWatchdog = (
  client: ResponsesClient,
  request: ResponsesRequest,
  options: CreateOptions,
  idleTimeoutMs: number,
): Promise<ResponseObject> => {
  if (options.signal.aborted) return Promise.reject(cancelledError());
  return new Promise<ResponseObject>((resolve, reject) => {
    new WatchedCall(client, request, options, idleTimeoutMs, resolve, reject);
  });
};

/**
 * The state of one watched call. A class with `handleEvent` and timer arguments instead of
 * closures, and one timer per idle period rather than one per event: streams send hundreds
 * of events, and this runs for every API call.
 */
class WatchedCall {
  private readonly controller = new AbortController();
  private lastActivity = Date.now();
  private timer: ReturnType<typeof setTimeout>;
  private settled = false;

  constructor(
    client: ResponsesClient,
    request: ResponsesRequest,
    private readonly options: CreateOptions,
    private readonly idleTimeoutMs: number,
    private readonly resolve: (response: ResponseObject) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    // No `once`: finish() removes the listener, and option parsing is not free per call.
    options.signal.addEventListener('abort', this);
    this.timer = setTimeout(checkIdle, idleTimeoutMs, this);
    const onEvent = options.onEvent;
    let call: Promise<ResponseObject>;
    try {
      call = client.create(request, {
        ...options,
        signal: this.controller.signal,
        onEvent: (event) => {
          if (this.settled) return;
          this.lastActivity = Date.now();
          onEvent?.(event);
        },
      });
    } catch (error) {
      call = Promise.reject(error);
    }
    call.then(
      (response) => this.finish() && resolve(response),
      (error: unknown) => this.finish() && reject(error),
    );
  }

  /** The caller's signal aborted: the run was cancelled. */
  handleEvent(): void {
    this.fail(cancelledError());
  }

  checkIdle(): void {
    if (this.settled) return;
    const idle = Date.now() - this.lastActivity;
    if (idle >= this.idleTimeoutMs) this.fail(streamStalledError(this.idleTimeoutMs));
    else this.timer = setTimeout(checkIdle, this.idleTimeoutMs - idle, this);
  }

  private fail(error: unknown): void {
    if (!this.finish()) return;
    this.controller.abort(error);
    this.reject(error);
  }

  /** Marks the call settled; false when it already was. */
  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    this.options.signal.removeEventListener('abort', this);
    return true;
  }
}

const checkIdle = (call: WatchedCall) => call.checkIdle();
