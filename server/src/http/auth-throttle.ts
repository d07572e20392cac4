/**
 * Failed-authentication budget per client: a token bucket of `burst` failures that refills at
 * `perMinute`. An empty bucket refuses the client's next attempts (429) before any comparison,
 * so a guesser learns nothing more until it refills. Clients are keyed by socket address, never
 * by a header a client can forge (X-Forwarded-For).
 */
export interface ThrottleOptions {
  /** Failures allowed in a row before the client is refused (10). */
  burst?: number;
  /** Failures forgiven per minute once the burst is spent (10). */
  perMinute?: number;
  /** Clients remembered at most; the oldest are forgotten first (10,000). */
  maxClients?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class AuthThrottle {
  readonly burst: number;
  readonly perMinute: number;
  private readonly maxClients: number;
  private readonly now: () => number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: ThrottleOptions = {}) {
    this.burst = options.burst ?? 10;
    this.perMinute = options.perMinute ?? 10;
    this.maxClients = options.maxClients ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Seconds the client must wait before its next attempt, or 0 when it may try now. */
  retryAfter(client: string): number {
    const bucket = this.refilled(client);
    if (!bucket || bucket.tokens >= 1) return 0;
    return Math.max(1, Math.ceil(((1 - bucket.tokens) * 60) / this.perMinute));
  }

  /** Counts one failed attempt. */
  fail(client: string): void {
    const bucket = this.refilled(client) ?? { tokens: this.burst, at: this.now() };
    bucket.tokens = Math.max(0, bucket.tokens - 1);
    // Re-insert: Map order is then least recently failed first, which is what gets evicted.
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    while (this.buckets.size > this.maxClients) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
  }

  private refilled(client: string): Bucket | undefined {
    const bucket = this.buckets.get(client);
    if (!bucket) return undefined;
    const now = this.now();
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000,
    );
    bucket.at = now;
    if (bucket.tokens >= this.burst) {
      this.buckets.delete(client); // a full bucket is the same as none
      return undefined;
    }
    return bucket;
  }
}
