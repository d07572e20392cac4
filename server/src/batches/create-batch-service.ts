import type { CacheStore } from '@atelier/engine';
import type { ModelCatalogue, ModelDefaults, NodeRegistry } from '@atelier/nodes';
import { registry as defaultRegistry, STATIC_CATALOGUE } from '@atelier/nodes';
import type { BlobStore } from '../blobs/blob-store';
import type { Db } from '../db';
import type { RunService } from '../runs/run-service';
import { BatchRepo } from './batch-repo';
import { BatchService } from './batch-service';
import { SqliteJobQueue } from './sqlite-job-queue';

export interface BatchWiring {
  db: Db;
  runs: RunService;
  blobs: BlobStore;
  cache: CacheStore;
  models: ModelDefaults;
  /** The provider identity (part of cache keys). */
  identity: string;
  catalogue?: () => ModelCatalogue;
  registry?: NodeRegistry;
  slots?: number;
  leaseMs?: number;
  pollMs?: number;
  log?: (line: string) => void;
  warn?: (line: string) => void;
}

import { WorkflowRepo } from '../db/workflow-repo';
import { libraryRecipes } from '../recipes/library-recipes';

/** A BatchService on the SQLite queue of `db` (not started: call start()). */
export const createBatchService = (w: BatchWiring): BatchService =>
  new BatchService({
    repo: new BatchRepo(w.db),
    queue: new SqliteJobQueue(w.db),
    runs: w.runs,
    preflight: {
      registry: w.registry ?? defaultRegistry,
      blobs: w.blobs,
      cache: w.cache,
      models: w.models,
      identity: w.identity,
      recipes: libraryRecipes(new WorkflowRepo(w.db)),
      modelContext: () => ({
        catalogue: w.catalogue?.() ?? STATIC_CATALOGUE,
        defaults: w.models,
        now: Date.now(),
      }),
    },
    ...(w.slots !== undefined ? { slots: w.slots } : {}),
    ...(w.leaseMs !== undefined ? { leaseMs: w.leaseMs } : {}),
    ...(w.pollMs !== undefined ? { pollMs: w.pollMs } : {}),
    ...(w.log ? { log: w.log } : {}),
    ...(w.warn ? { warn: w.warn } : {}),
  });
