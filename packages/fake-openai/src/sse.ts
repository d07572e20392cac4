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
  /** Send a `keepalive` event after this much silence (0: never). */
  keepaliveMs: number;
  /** Called for every keepalive sent (for the stats). */
  onKeepalive?: () => void;
}

const TERMINAL = new Set(['response.completed', 'response.failed', 'response.incomplete']);

/**
 * Writes `event:` + `data:` frames with consecutive sequence numbers, honouring backpressure,
 * per-event latency, and the cut/stall faults; stops as soon as the client goes away.
 */
export class SseSink implements EventSink {
  readonly streaming = true;
  /** sequence_number of the next frame (events and keepalives share the count). */
  #sequence = 0;
  /** Events sent, keepalives not counted: what cutAfter and stallAfter count. */
  #events = 0;
  #closed = false;
  #wake: (() => void) | null = null;
  #keepalive: NodeJS.Timeout | null = null;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: SseOptions,
  ) {
    res.on('close', () => {
      this.#closed = true;
      this.#disarm();
      this.#wake?.();
    });
  }

  get sent(): number {
    return this.#events;
  }

  async emit(event: Json): Promise<void> {
    const { type, ...rest } = event as Json & { type: string };
    if (this.#closed) throw new StreamStopped('aborted');
    const { cutAfter, stallAfter } = this.options;
    const terminal = TERMINAL.has(type);
    if (stallAfter !== null && (this.#events >= stallAfter || terminal)) await this.#stall();
    if (cutAfter !== null && terminal) this.#cut();
    if (this.#events > 0 && this.options.perEventMs > 0) await this.#sleep(this.options.perEventMs);
    // Numbered when written, not when asked for: keepalives may have been sent meanwhile.
    const data = JSON.stringify({ type, sequence_number: this.#sequence, ...rest });
    this.#sequence += 1;
    this.#events += 1;
    const written = this.#write(`event: ${type}\ndata: ${data}\n\n`);
    if (terminal) this.#disarm();
    else this.#arm();
    await written;
    if (cutAfter !== null && this.#events >= cutAfter) this.#cut();
  }

  /** The stream ended (or failed): no more keepalives. */
  close(): void {
    this.#disarm();
  }

  /** (Re)starts the silence timer; a keepalive goes out when it runs down. */
  #arm(): void {
    const ms = this.options.keepaliveMs;
    if (ms <= 0 || this.#closed) return;
    this.#disarm();
    this.#keepalive = setTimeout(() => {
      this.#keepalive = null;
      if (this.#closed) return;
      const data = JSON.stringify({ type: 'keepalive', sequence_number: this.#sequence });
      this.#sequence += 1;
      this.res.write(`event: keepalive\ndata: ${data}\n\n`);
      this.options.onKeepalive?.();
      this.#arm();
    }, ms);
  }

  #disarm(): void {
    if (this.#keepalive) clearTimeout(this.#keepalive);
    this.#keepalive = null;
  }

  async imageDelay(): Promise<void> {
    if (this.options.perPartialImageMs > 0) await this.#sleep(this.options.perPartialImageMs);
  }

  #cut(): never {
    this.#disarm();
    // Written frames are already handed to the kernel (#write waits for that); destroying the
    // socket now ends the chunked body without its terminator: the client sees a broken stream.
    this.res.socket?.destroy();
    throw new StreamStopped('cut');
  }

  async #stall(): Promise<never> {
    this.#disarm(); // a stalled stream is silent: that is what it simulates
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
