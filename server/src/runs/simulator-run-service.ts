import { DEFAULT_MODELS } from '@atelier/nodes';
import { BlobStore } from '../blobs/blob-store';
import type { Db } from '../db/create-db';
import { SqliteCacheStore } from '../db/sqlite-cache-store';
import { createOpenAIResponses } from '../provider/openai-responses';
import type { RunServiceDeps } from './run-service';
import { RunService } from './run-service';

/**
 * A RunService wired as the composition root wires it, against the simulator at `baseURL`
 * (the fake Responses API): the real SDK, blob store and cache on `db`. For tests; each
 * test overrides only what it is about.
 */
export const simulatorRunService = (
  db: Db,
  baseURL: string,
  overrides: Partial<RunServiceDeps> = {},
): RunService =>
  new RunService({
    db,
    responses: createOpenAIResponses({ apiKey: 'sk-sim', baseURL, identity: 'simulator' }),
    providerKind: 'simulator',
    blobs: new BlobStore(db),
    cache: new SqliteCacheStore(db),
    models: DEFAULT_MODELS,
    concurrency: 4,
    idleTimeoutMs: 2000,
    ...overrides,
  });
