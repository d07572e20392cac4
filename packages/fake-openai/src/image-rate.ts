/**
 * Images per minute per image model (option `imagesPerMinute`): a sliding window over real
 * time, as OpenAI limits image models (reportedly 5 IPM on Tier 1; openai-api-2026-12.md §4.5).
 */
export type ImageRateSetting = number | Readonly<Record<string, number>> | undefined;

export type ImageAdmission =
  { ok: true } | { ok: false; limit: number; used: number; retryAfterMs: number };

export class ImageRateLimiter {
  readonly #stamps = new Map<string, number[]>();

  constructor(
    private setting: ImageRateSetting,
    private windowMs: number,
  ) {}

  configure(setting: ImageRateSetting, windowMs: number): void {
    this.setting = setting;
    this.windowMs = windowMs;
    this.#stamps.clear();
  }

  reset(): void {
    this.#stamps.clear();
  }

  limitFor(model: string): number | undefined {
    const s = this.setting;
    if (s === undefined) return undefined;
    if (typeof s === 'number') return s;
    return s[model] ?? s['*'];
  }

  /** Takes a slot for one image of `model` now, or says how long until one frees. */
  take(model: string, now = performance.now()): ImageAdmission {
    const limit = this.limitFor(model);
    if (limit === undefined) return { ok: true };
    const stamps = (this.#stamps.get(model) ?? []).filter((t) => t > now - this.windowMs);
    this.#stamps.set(model, stamps);
    if (stamps.length >= limit) {
      const oldest = stamps[stamps.length - limit] ?? now;
      return {
        ok: false,
        limit,
        used: stamps.length,
        retryAfterMs: Math.max(1, Math.ceil(oldest + this.windowMs - now)),
      };
    }
    stamps.push(now);
    return { ok: true };
  }
}
