import type { z } from 'zod';
import type { ApiSettings, NodeContext, NodeInputs, NodeProgress } from '../context';
import type { NodeDefinition } from '../definition';
import { DEFAULT_MODELS } from '../models';
import type {
  CreateOptions,
  NodeError,
  ResponseObject,
  ResponsesClient,
  ResponsesRequest,
  ResponseStreamEvent,
} from '../responses';
import { MemoryBlobs } from './blobs';

/** What the stub API answers to one request: stream events then a response, or an error. */
export type Reply =
  { events?: ResponseStreamEvent[]; response: ResponseObject } | { error: NodeError };

/** Records every request and answers from a script, in order. */
export class ScriptedResponses implements ResponsesClient {
  readonly requests: ResponsesRequest[] = [];
  constructor(
    private readonly replies: Reply[],
    readonly identity = 'simulator',
  ) {}

  async create(request: ResponsesRequest, options: CreateOptions): Promise<ResponseObject> {
    this.requests.push(structuredClone(request));
    const reply = this.replies.shift();
    if (!reply) throw new Error(`Unexpected request #${this.requests.length}`);
    if ('error' in reply) throw reply.error;
    for (const event of reply.events ?? []) options.onEvent?.(event);
    return reply.response;
  }
}

export interface Harness<D> {
  ctx: NodeContext<D>;
  responses: ScriptedResponses;
  blobs: MemoryBlobs;
  logs: string[];
  progress: NodeProgress[];
}

/** A context for `definition` with data = defaults + `data`, like the engine builds. */
export const harness = <S extends z.ZodType>(
  definition: NodeDefinition<S>,
  options: {
    data?: Record<string, unknown>;
    inputs?: NodeInputs;
    replies?: Reply[];
    identity?: string;
    blobs?: MemoryBlobs;
    api?: ApiSettings;
  } = {},
): Harness<z.infer<S>> => {
  const responses = new ScriptedResponses(options.replies ?? [], options.identity);
  const blobs = options.blobs ?? new MemoryBlobs();
  const logs: string[] = [];
  const progress: NodeProgress[] = [];
  const ctx: NodeContext<z.infer<S>> = {
    nodeId: 'n1',
    data: definition.data.parse(options.data ?? {}),
    inputs: options.inputs ?? {},
    signal: new AbortController().signal,
    responses,
    blobs,
    models: DEFAULT_MODELS,
    ...(options.api ? { api: options.api } : {}),
    log: (message) => logs.push(message),
    progress: (event) => progress.push(event),
  };
  return { ctx, responses, blobs, logs, progress };
};
