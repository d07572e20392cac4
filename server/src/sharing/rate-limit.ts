/**
 * A fixed-window counter per key (in memory: one server process). Share links are public
 * URLs, so each client address gets a budget of requests per minute, and a tighter one for
 * tokens that open nothing (guessing).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; returns the ms to wait when over the limit, else 0. */
  hit(key: string): number {
    const at = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= at) {
      if (this.windows.size > 10_000) this.sweep(at);
      window = { count: 0, resetAt: at + this.windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return window.count > this.limit ? window.resetAt - at : 0;
  }

  private sweep(at: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= at) this.windows.delete(key);
  }
}
