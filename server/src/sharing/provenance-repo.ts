import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/create-db';
import { provenance, runs } from '../db/schema';

export interface ProvenanceUse {
  runId: string;
  nodeId: string;
  port: string;
  workflowId?: string;
  workflowVersion?: number;
  /** True when the run reused the image from the cache rather than making it. */
  cached: boolean;
  createdAt: number;
}

/** Every run and node that output the image with these bytes: the maker first, then reuses. */
export const provenanceOf = (db: Db, sha256: string): ProvenanceUse[] =>
  db.orm
    .select({
      runId: provenance.runId,
      nodeId: provenance.nodeId,
      port: provenance.port,
      cached: provenance.cached,
      createdAt: provenance.createdAt,
      workflowId: runs.workflowId,
      workflowVersion: runs.workflowVersion,
    })
    .from(provenance)
    .innerJoin(runs, eq(runs.id, provenance.runId))
    .where(eq(provenance.sha256, sha256))
    .orderBy(asc(provenance.cached), asc(provenance.createdAt))
    .all()
    .map(({ workflowId, workflowVersion, ...row }) => ({
      ...row,
      ...(workflowId !== null ? { workflowId } : {}),
      ...(workflowVersion !== null ? { workflowVersion } : {}),
    }));
