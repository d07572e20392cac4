import type { NodeRegistry } from '@atelier/nodes';
import type { BlobStore } from '../blobs/blob-store';
import type { Db, WorkflowRepo } from '../db';
import type { ModelService } from '../models/model-service';
import type { RunService } from '../runs/run-service';
import type { BatchService } from '../batches/batch-service';
import type { WebhookService } from '../webhooks/webhook-service';
import type { Accounts } from '../auth/accounts';
import type { AuditLog } from '../auth/audit-log';

/**
 * What the HTTP layer needs, passed in by main.ts or a test: no globals, so a test builds the
 * app over a temp SQLite file and the real fake. Types come from the server core (D).
 */
export interface AppDeps {
  db: Db;
  blobs: BlobStore;
  workflows: WorkflowRepo;
  runs: RunService;
  batches: BatchService;
  /** Webhooks of runs and batches; absent = a `webhook` in a request is refused. */
  webhooks?: WebhookService;
  provider: { kind: 'simulator' | 'openai' };
  /** The model catalogue merged with the API's list (`GET /api/models`). */
  models: Pick<ModelService, 'response'>;
  version: string;
  /** Node catalogue (defaults to the registry of @atelier/nodes). */
  registry: NodeRegistry;
  /** When set, every /api route needs it (see auth.ts). */
  token?: string;
  /** Team mode (ATELIER_AUTH=accounts): people sign in; roles decide (see auth/). */
  accounts?: Accounts;
  /** Who did what (sign-ins, roles, invitations, shares, deletions, tokens). */
  audit: AuditLog;
  /** Folder of the built editor (web/dist). */
  webDist?: string;
  /** One line per request and per run step; nothing is logged without it. */
  log?: (line: string) => void;
  /** Upload limit in bytes (50 MB; tests use a small one). */
  maxUploadBytes?: number;
  /** SSE heartbeat interval (15 s). */
  heartbeatMs?: number;
}
