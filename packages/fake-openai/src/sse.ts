import type { ServerResponse } from 'node:http';
import type { EventSink } from './produce';
import type { Json } from './response-object';

export type StopReason = 'cut' | 'stalled' | 'aborted';

/** Thrown through the producer when the stream must end early. */
export class StreamStopped extends Error {
  override readonly name = 'StreamStopped';
  constructor(readonly reason: StopReason) {
    super(`stream ${reason}`);
  }
}

export interface SseOptions {
  perEventMs: number;
  perPartialImageMs: number;
  /** Destroy the socket after this many events (and always before a terminal event). */
  cutAfter: number | null;
  /** Go silent after this many events (and always before a terminal event). */
  stallAfter: number | null;
}

const TERMINAL = new Set(['response.completed', 'response.failed', 'response.incomplete']);

/**
 * Writes `event:` + `data:` frames with consecutive sequence numbers, honouring backpressure,
 * per-event latency, and the cut/stall faults; stops as soon as the client goes away.
 */
export class SseSink implements EventSink {
  readonly streaming = true;
  #sequence = 0;
  #closed = false;
  #wake: (() => void) | null = null;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: SseOptions,
  ) {
    res.on('close', () => {
      this.#closed = true;
      this.#wake?.();
    });
  }

  get sent(): number {
    return this.#sequence;
  }

  async emit(event: Json): Promise<void> {
    const { type, ...rest } = event as Json & { type: string };
    const data = JSON.stringify({ type, sequence_number: this.#sequence, ...rest });
    if (this.#closed) throw new StreamStopped('aborted');
    const { cutAfter, stallAfter } = this.options;
    const terminal = TERMINAL.has(type);
    if (stallAfter !== null && (this.#sequence >= stallAfter || terminal)) await this.#stall();
    if (cutAfter !== null && terminal) this.#cut();
    if (this.#sequence > 0 && this.options.perEventMs > 0)
      await this.#sleep(this.options.perEventMs);
    this.#sequence += 1;
    await this.#write(`event: ${type}\ndata: ${data}\n\n`);
    if (cutAfter !== null && this.#sequence >= cutAfter) this.#cut();
  }

  async imageDelay(): Promise<void> {
    if (this.options.perPartialImageMs > 0) await this.#sleep(this.options.perPartialImageMs);
  }

  #cut(): never {
    // Written frames are already handed to the kernel (#write waits for that); destroying the
    // socket now ends the chunked body without its terminator: the client sees a broken stream.
    this.res.socket?.destroy();
    throw new StreamStopped('cut');
  }

  async #stall(): Promise<never> {
    while (!this.#closed) await new Promise<void>((resolve) => (this.#wake = resolve));
    throw new StreamStopped('stalled');
  }

  async #sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#wake = null;
    if (this.#closed) throw new StreamStopped('aborted');
  }

  async #write(chunk: string): Promise<void> {
    await new Promise<void>((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        this.#wake = null;
        resolve();
      };
      this.#wake = finish;
      // The callback fires once the chunk is flushed (or fails): that is our backpressure.
      this.res.write(chunk, () => finish());
    });
    if (this.#closed) throw new StreamStopped('aborted');
  }
}
