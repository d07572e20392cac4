/** A bounded least-recently-used map: stored responses must not grow without limit in benchmarks. */
export class LruStore<V> {
  readonly #entries = new Map<string, V>();
  constructor(private limit: number) {}

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    this.#trim();
  }

  #trim(): void {
    while (this.#entries.size > this.limit) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  values(): IterableIterator<V> {
    return this.#entries.values();
  }

  setLimit(limit: number): void {
    this.limit = limit;
    this.#trim();
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
