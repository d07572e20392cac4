import type { ImageValue, PortValue } from '@atelier/graph';

/**
 * The run shapes the API sends (DESIGN.md §7, engine RunEvent). The web may not import the
 * engine, so the wire shapes are restated here; only the fields the editor reads are required.
 */

export type RunStatusView =
  'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
export type NodeStatusView =
  'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface NodeErrorView {
  code: string;
  message: string;
}

export interface UsageView {
  inputTokens?: number;
  outputTokens?: number;
  imageCalls?: number;
  webSearchCalls?: number;
  requests?: number;
}

export interface RunSummaryView {
  status: 'succeeded' | 'failed' | 'cancelled';
  nodes?: Record<string, NodeRecordView>;
  usage?: UsageView;
  cost?: number;
  saved?: { nodes: number; cost: number };
  startedAt?: number;
  finishedAt?: number;
}

export type RunEvent =
  | { type: 'run.started'; at: number; nodes: string[] }
  | { type: 'node.started'; at: number; nodeId: string }
  | { type: 'node.partial_image'; at: number; nodeId: string; index: number; image: ImageValue }
  | { type: 'node.log'; at: number; nodeId: string; message: string }
  | {
      type: 'node.completed';
      at: number;
      nodeId: string;
      cached: boolean;
      outputs: Record<string, PortValue>;
      cost: number;
      durationMs: number;
    }
  | {
      type: 'node.failed';
      at: number;
      nodeId: string;
      status: 'failed' | 'skipped' | 'cancelled';
      error: NodeErrorView;
    }
  | { type: 'run.completed'; at: number; summary: RunSummaryView };

export const RUN_EVENT_TYPES: RunEvent['type'][] = [
  'run.started',
  'node.started',
  'node.partial_image',
  'node.log',
  'node.completed',
  'node.failed',
  'run.completed',
];

export interface NodeRecordView {
  status: NodeStatusView;
  cached: boolean;
  outputs?: Record<string, PortValue>;
  error?: NodeErrorView;
  cost?: number;
  log?: string[];
  startedAt?: number;
  finishedAt?: number;
}

export interface RunRecordView {
  id: string;
  workflowId?: string;
  status: RunStatusView;
  nodes: Record<string, NodeRecordView>;
  usage?: UsageView;
  cost?: number;
  saved?: { nodes: number; cost: number };
  error?: NodeErrorView;
  target?: string;
  createdAt?: string | number;
  startedAt?: string | number;
  finishedAt?: string | number;
  durationMs?: number;
  provider?: string;
}
