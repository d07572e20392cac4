import type { CacheEntry, CacheStore } from './types';

/**
 * A CacheStore in a Map, for tests and benchmarks (the server persists to SQLite).
 * Entries are copied in and out, like a real store, so callers cannot alter what is cached.
 */
export class MemoryCacheStore implements CacheStore {
  readonly entries = new Map<string, CacheEntry>();
  gets = 0;
  puts = 0;

  async get(key: string): Promise<CacheEntry | undefined> {
    this.gets++;
    const entry = this.entries.get(key);
    return entry && structuredClone(entry);
  }

  async put(key: string, entry: CacheEntry): Promise<void> {
    this.puts++;
    this.entries.set(key, structuredClone(entry));
  }
}
