import { NodeError } from '@atelier/nodes';

/** The error an aborted wait or call ends with. */
export const cancelledError = (): NodeError => new NodeError('cancelled', 'The run was cancelled.');

/**
 * Who waits for a slot: calls of a run a person is watching go before calls of background
 * work (batch rows), so an editor run is never stuck behind a 1,000-row batch.
 */
export type ApiPriority = 'interactive' | 'background';

/**
 * The slots that bound API calls in flight, and the rate-limit pause — after a 429 every call
 * waiting on the gate holds until the retry time. One run owns one by default; a server
 * shares one across all its runs and batches (RunOptions.gate), so the slots and a 429's
 * pause apply to the whole process, not to each run.
 */
export class ApiGate {
  private inUse = 0;
  private readonly queues: Record<ApiPriority, (() => void)[]> = {
    interactive: [],
    background: [],
  };
  private pauseEnd = 0;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private pauseOver: Promise<void> | undefined;
  private endPause: (() => void) | undefined;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency must be a whole number ≥ 1 (got ${limit})`);
  }

  /** Calls waiting for a slot (both priorities). */
  get waiting(): number {
    return this.queues.interactive.length + this.queues.background.length;
  }

  /**
   * Waits for a free slot (FIFO within a priority, interactive first); resolves to its
   * release function.
   */
  async acquire(signal: AbortSignal, priority: ApiPriority = 'interactive'): Promise<() => void> {
    if (signal.aborted) throw cancelledError();
    if (this.inUse < this.limit) {
      this.inUse++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const queue = this.queues[priority];
      const onAbort = () => {
        const i = queue.indexOf(grant);
        if (i >= 0) queue.splice(i, 1);
        reject(cancelledError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      queue.push(grant);
    });
    // The slot was handed over by release(): inUse already counts it.
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queues.interactive.shift() ?? this.queues.background.shift();
      if (next) next();
      else this.inUse--;
    };
  }

  /** Every call waiting in `whenOpen` holds until `delayMs` from now (a longer pause wins). */
  pause(delayMs: number): void {
    const end = Date.now() + delayMs;
    if (end <= this.pauseEnd) return;
    this.pauseEnd = end;
    if (!this.pauseOver)
      this.pauseOver = new Promise<void>((resolve) => {
        this.endPause = resolve;
      });
    clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => {
      this.pauseOver = undefined;
      this.endPause?.();
    }, delayMs);
  }

  /** Resolves at once unless the run is paused by a rate limit. */
  async whenOpen(signal: AbortSignal): Promise<void> {
    while (this.pauseOver) {
      if (signal.aborted) throw cancelledError();
      await abortable(this.pauseOver, signal);
    }
    if (signal.aborted) throw cancelledError();
  }

  /** Drops a pending pause timer so a finished run leaves nothing scheduled. */
  close(): void {
    clearTimeout(this.pauseTimer);
    this.pauseOver = undefined;
    this.endPause?.();
  }
}

/** `promise`, or a `cancelled` NodeError as soon as `signal` aborts — whichever is first. */
export const abortable = <T>(promise: Promise<T>, signal: AbortSignal): Promise<T> => {
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
};
