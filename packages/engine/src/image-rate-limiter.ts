import { abortable } from './api-gate';

/**
 * Images per minute per image model, shared by every run of a process. OpenAI limits image
 * models by images per minute (5 on Tier 1 for gpt-image-2, reportedly), separately from
 * requests: a wide graph that starts every call at once collects 429s and waits them out.
 * Here each image call takes a start in a sliding window first; calls beyond the limit queue
 * in order until the oldest start leaves the window.
 */
export class ImageRateLimiter {
  private readonly starts = new Map<string, number[]>();
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
  acquire(model: string, signal: AbortSignal, onWait?: (ms: number) => void): Promise<void> {
    const previous = this.tails.get(model) ?? Promise.resolve();
    const turn = previous.then(() => this.take(model, signal, onWait));
    // The next caller waits for this one's turn, whether it got a start or was cancelled.
    const tail = turn.catch(() => undefined);
    this.tails.set(model, tail);
    void tail.then(() => {
      if (this.tails.get(model) === tail) this.tails.delete(model);
    });
    return turn;
  }

  private async take(model: string, signal: AbortSignal, onWait?: (ms: number) => void) {
    let told = false;
    for (;;) {
      const now = this.now();
      const recent = (this.starts.get(model) ?? []).filter((at) => at > now - this.windowMs);
      if (recent.length < this.perWindow) {
        recent.push(now);
        this.starts.set(model, recent);
        return;
      }
      this.starts.set(model, recent);
      const wait = recent[0]! + this.windowMs - now;
      if (!told) onWait?.(wait);
      told = true;
      await abortable(new Promise<void>((resolve) => setTimeout(resolve, wait)), signal);
    }
  }
}
