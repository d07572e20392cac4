import type {
  NodeErrorInfo,
  NodeRunRecord,
  RunEvent as EngineRunEvent,
  RunRecord,
  RunStatus,
  RunSummary,
} from '@atelier/server';

/**
 * The run shapes of the API (DESIGN.md §7) are the engine's and the server's own types,
 * imported as types through @atelier/server (the web may not import the engine). Only what
 * the wire adds is declared here.
 */

export type RunStatusView = RunStatus;
export type NodeErrorView = NodeErrorInfo;
export type UsageView = RunSummary['usage'];
export type RunSummaryView = RunSummary;
export type NodeRecordView = NodeRunRecord;
/** GET /api/runs/:id and the items of GET /api/runs. */
export type RunRecordView = RunRecord;

type PartialImageEvent = Extract<EngineRunEvent, { type: 'node.partial_image' }>;

/**
 * An event as the SSE stream sends it: a partial image also carries the URL of its bytes
 * (server `presentEvent`); the SSE `id:` is the event's `seq`.
 */
export type RunEvent =
  Exclude<EngineRunEvent, PartialImageEvent> | (PartialImageEvent & { url: string });

/** Every event type, checked against the union: a new engine event fails to compile here. */
const EVENT_TYPES: Record<RunEvent['type'], true> = {
  'run.started': true,
  'node.started': true,
  'node.partial_image': true,
  'node.log': true,
  'node.completed': true,
  'node.failed': true,
  'run.completed': true,
};
export const RUN_EVENT_TYPES = Object.keys(EVENT_TYPES) as RunEvent['type'][];
