/** Types the web app shares with the server: `hc<AppType>('/')` gives a typed API client. */
export type { AppType, CreateAppDeps } from './http/app';
export type { ApiErrorBody } from './http/errors';
export type { NodeTypeInfo } from './http/routes/meta';
// What the run endpoints send (GET /api/runs[/:id], the SSE stream), for the editor to import
// as types: it may not import the engine itself.
export type { RunEventRecord, RunRecord } from './runs/run-record';
export type {
  NodeErrorInfo,
  NodeRunRecord,
  NodeStatus,
  RunEvent,
  RunStatus,
  RunSummary,
} from '@atelier/engine';
export type { ModelsResponse } from './models/model-service';
// What the batch endpoints send (GET /api/batches[/:id[/rows]], the SSE stream).
export type { BatchRecord, BatchRowRecord, BatchStatus, RowStatus } from './batches/batch-record';
export type { BatchEvent } from './batches/batch-service';
// Review (comments, inbox, stars, run comparison, usage), for the editor's review views.
export type { CommentTarget, InboxItemView, ThreadView } from './review/comment-repo';
export type { StarView } from './review/star-repo';
export type { RunComparison, ComparedNode, ComparedRun } from './review/compare-runs';
export type { UsageReport } from './review/usage';
