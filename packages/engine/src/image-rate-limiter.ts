import { abortable } from './api-gate';

/** One admitted image call; `received()` moves its start to when the API surely had it. */
export interface ImageCallTicket {
  received(): void;
}

/**
 * Images per minute per image model, shared by every run of a process. OpenAI limits image
 * models by images per minute (5 on Tier 1 for gpt-image-2, reportedly), separately from
 * requests: a wide graph that starts every call at once collects 429s and waits them out.
 * Here each image call takes a start in a sliding window first; calls beyond the limit queue
 * in order until the oldest start leaves the window.
 *
 * The API counts a call when it receives it, which is later than when it was sent; a start
 * is therefore moved to when the first answer arrived (the API had the request by then), so
 * the window here never closes before the API's does.
 */
export class ImageRateLimiter {
  private readonly starts = new Map<string, { at: number }[]>();
  /** Per model, the promise the next caller waits for: callers are served in order. */
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    readonly perWindow: number,
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(perWindow) || perWindow < 1)
      throw new RangeError(`images per minute must be a whole number ≥ 1 (got ${perWindow})`);
  }

  /**
   * Resolves when an image call of `model` may start (and counts it); `onWait` hears how long
   * the caller will wait, when it must.
   */
  acquire(
    model: string,
    signal: AbortSignal,
    onWait?: (ms: number) => void,
  ): Promise<ImageCallTicket> {
    const previous = this.tails.get(model) ?? Promise.resolve();
    const turn = previous.then(() => this.take(model, signal, onWait));
    // The next caller waits for this one's turn, whether it got a start or was cancelled.
    const tail: Promise<void> = turn.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(model, tail);
    void tail.then(() => {
      if (this.tails.get(model) === tail) this.tails.delete(model);
    });
    return turn;
  }

  private async take(
    model: string,
    signal: AbortSignal,
    onWait?: (ms: number) => void,
  ): Promise<ImageCallTicket> {
    let told = false;
    for (;;) {
      const now = this.now();
      const recent = (this.starts.get(model) ?? []).filter((s) => s.at > now - this.windowMs);
      if (recent.length < this.perWindow) {
        const start = { at: now };
        recent.push(start);
        this.starts.set(model, recent);
        let received = false;
        return {
          received: () => {
            if (received) return;
            received = true;
            start.at = Math.max(start.at, this.now());
          },
        };
      }
      this.starts.set(model, recent);
      const oldest = Math.min(...recent.map((s) => s.at));
      const wait = Math.max(1, oldest + this.windowMs - now);
      if (!told) onWait?.(wait);
      told = true;
      await abortable(new Promise<void>((resolve) => setTimeout(resolve, wait)), signal);
    }
  }
}
