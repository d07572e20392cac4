import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/create-db';
import { newId } from '../db/ids';
import { runs, shares, workflows } from '../db/schema';

export type ShareAccess = 'view' | 'run';

export interface Share {
  id: string;
  workflowId: string;
  access: ShareAccess;
  /** The version shown; undefined = always the latest. */
  version?: number;
  expiresAt?: number;
  /** USD that runs through this link may spend in all (run links). */
  maxCost?: number;
  createdAt: number;
  revokedAt?: number;
}

export interface ShareUsage {
  runs: number;
  /** USD spent by runs made through the link. */
  spent: number;
}

/** 32 random bytes (256 bits), base64url: the capability in the link. */
export const newShareToken = (): string => randomBytes(32).toString('base64url');

export const hashShareToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** A well-formed token (a malformed one is answered like an unknown one: 404). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

type Row = typeof shares.$inferSelect;

const toShare = (row: Row): Share => ({
  id: row.id,
  workflowId: row.workflowId,
  access: row.access as ShareAccess,
  ...(row.version !== null ? { version: row.version } : {}),
  ...(row.expiresAt !== null ? { expiresAt: row.expiresAt } : {}),
  ...(row.maxCost !== null ? { maxCost: row.maxCost } : {}),
  createdAt: row.createdAt,
  ...(row.revokedAt !== null ? { revokedAt: row.revokedAt } : {}),
});

/** The `via` recorded on runs started through a link. */
export const shareVia = (id: string) => `share:${id}`;

/** Share links: only a hash of each token is stored, so the database alone opens nothing. */
export class ShareRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  create(input: {
    workflowId: string;
    access: ShareAccess;
    version?: number;
    expiresAt?: number;
    maxCost?: number;
  }): { share: Share; token: string } {
    const token = newShareToken();
    const row = this.db.orm
      .insert(shares)
      .values({
        id: newId('sh'),
        workflowId: input.workflowId,
        tokenHash: hashShareToken(token),
        access: input.access,
        version: input.version ?? null,
        expiresAt: input.expiresAt ?? null,
        maxCost: input.maxCost ?? null,
        createdAt: this.now(),
      })
      .returning()
      .get();
    return { share: toShare(row), token };
  }

  /** Newest first, revoked ones included (marked). */
  list(workflowId: string): Share[] {
    return this.db.orm
      .select()
      .from(shares)
      .where(eq(shares.workflowId, workflowId))
      .orderBy(desc(shares.createdAt), desc(sql`rowid`))
      .all()
      .map(toShare);
  }

  get(id: string): Share | undefined {
    const row = this.db.orm.select().from(shares).where(eq(shares.id, id)).get();
    return row ? toShare(row) : undefined;
  }

  /** Revokes at once; false when there is no such link or it was revoked already. */
  revoke(id: string): boolean {
    return (
      this.db.orm
        .update(shares)
        .set({ revokedAt: this.now() })
        .where(and(eq(shares.id, id), isNull(shares.revokedAt)))
        .run().changes > 0
    );
  }

  /**
   * The live share a token opens: not revoked, not expired, its workflow not deleted.
   * Anything else is undefined, whatever the reason (the caller answers 404 either way).
   */
  open(token: string): Share | undefined {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const row = this.db.orm
      .select({ share: shares, deletedAt: workflows.deletedAt })
      .from(shares)
      .innerJoin(workflows, eq(workflows.id, shares.workflowId))
      .where(eq(shares.tokenHash, hashShareToken(token)))
      .get();
    if (!row || row.deletedAt !== null || row.share.revokedAt !== null) return undefined;
    if (row.share.expiresAt !== null && row.share.expiresAt <= this.now()) return undefined;
    return toShare(row.share);
  }

  usage(id: string): ShareUsage {
    const row = this.db.orm
      .select({ runs: sql<number>`count(*)`, spent: sql<number>`coalesce(sum(${runs.cost}), 0)` })
      .from(runs)
      .where(eq(runs.via, shareVia(id)))
      .get();
    return { runs: row?.runs ?? 0, spent: row?.spent ?? 0 };
  }

  /** A run through this link that has not finished, if any (one at a time per link). */
  activeRun(id: string): string | undefined {
    return this.db.orm
      .select({ id: runs.id })
      .from(runs)
      .where(and(eq(runs.via, shareVia(id)), sql`${runs.status} in ('queued', 'running')`))
      .get()?.id;
  }
}
