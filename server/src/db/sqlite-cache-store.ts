import type { CacheEntry, CacheStore } from '@atelier/engine';
import type { PortValue } from '@atelier/graph';
import type { NodeUsage } from '@atelier/nodes';
import { eq, sql } from 'drizzle-orm';
import type { Db } from './create-db';
import { cacheEntries } from './schema';

/** The engine's CacheStore over the cache_entries table: outputs survive restarts. */
export class SqliteCacheStore implements CacheStore {
  private readonly select;
  /** Hand-written and prepared once: drizzle built the SQL anew on every put (a third of a
   * big uncached run's time). Columns as in schema.ts. */
  private readonly upsert;

  constructor(private readonly db: Db) {
    this.upsert = db.sqlite.prepare(
      `insert into cache_entries (key, node_type, outputs, usage, cost, created_at) values (?, ?, ?, ?, ?, ?)
       on conflict (key) do update set node_type = excluded.node_type, outputs = excluded.outputs,
         usage = excluded.usage, cost = excluded.cost, created_at = excluded.created_at`,
    );
    this.select = db.orm
      .select()
      .from(cacheEntries)
      .where(eq(cacheEntries.key, sql.placeholder('key')))
      .prepare();
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const row = this.select.get({ key });
    if (!row) return undefined;
    const entry: CacheEntry = {
      outputs: row.outputs as Record<string, PortValue>,
      cost: row.cost,
      createdAt: row.createdAt,
    };
    if (row.usage) entry.usage = row.usage as NodeUsage;
    if (row.nodeType) entry.nodeType = row.nodeType;
    return entry;
  }

  /** A later result under the same key replaces the earlier one (e.g. a forced rerun). */
  async put(key: string, entry: CacheEntry): Promise<void> {
    this.upsert.run(
      key,
      entry.nodeType ?? null,
      JSON.stringify(entry.outputs),
      entry.usage ? JSON.stringify(entry.usage) : null,
      entry.cost,
      entry.createdAt,
    );
  }

  /** Number of stored entries (for stats and tests). */
  count(): number {
    return (
      this.db.sqlite.prepare('select count(*) as n from cache_entries').get() as { n: number }
    ).n;
  }
}
