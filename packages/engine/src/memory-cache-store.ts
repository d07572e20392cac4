import type { CacheEntry, CacheStore } from './types';

/**
 * A CacheStore in a Map, for tests and benchmarks (the server persists to SQLite).
 * Entries are shared, not copied: the engine treats outputs as immutable.
 */
export class MemoryCacheStore implements CacheStore {
  readonly entries = new Map<string, CacheEntry>();
  gets = 0;
  puts = 0;

  async get(key: string): Promise<CacheEntry | undefined> {
    this.gets++;
    return this.entries.get(key);
  }

  async put(key: string, entry: CacheEntry): Promise<void> {
    this.puts++;
    this.entries.set(key, entry);
  }
}
