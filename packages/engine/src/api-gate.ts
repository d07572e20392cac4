import { NodeError } from '@atelier/nodes';

/** The error an aborted wait or call ends with. */
export const cancelledError = (): NodeError => new NodeError('cancelled', 'The run was cancelled.');

/**
 * Shared by every node of one run: the slots that bound API calls in flight, and the
 * rate-limit pause — after a 429 all API calls of the run wait until the retry time.
 */
export class ApiGate {
  private inUse = 0;
  private readonly queue: (() => void)[] = [];
  private pauseEnd = 0;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private pauseOver: Promise<void> | undefined;
  private endPause: (() => void) | undefined;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency must be a whole number ≥ 1 (got ${limit})`);
  }

  /** Waits for a free slot (FIFO); resolves to its release function. */
  async acquire(signal: AbortSignal): Promise<() => void> {
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
      const onAbort = () => {
        const i = this.queue.indexOf(grant);
        if (i >= 0) this.queue.splice(i, 1);
        reject(cancelledError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.queue.push(grant);
    });
    // The slot was handed over by release(): inUse already counts it.
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
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
