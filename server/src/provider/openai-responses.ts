import type {
  CreateOptions,
  LiveModel,
  ResponseObject,
  ResponsesClient,
  ResponsesRequest,
  ResponseStreamEvent,
} from '@atelier/nodes';
import { NodeError } from '@atelier/nodes';
import OpenAI, { APIError } from 'openai';
import type {
  ResponseCreateParamsNonStreaming,
  ResponseCreateParamsStreaming,
} from 'openai/resources/responses/responses';
import { apiNodeError, toNodeError } from './node-errors';
import { withWaitHints } from './wait-hint';

export interface OpenAIResponsesOptions {
  apiKey: string;
  /** Default: the SDK's (OPENAI_BASE_URL, then https://api.openai.com/v1). */
  baseURL?: string;
  /** Cache-key identity: "simulator" or "openai:<base url>". */
  identity: string;
  /** SDK retries of 429/5xx before a stream starts (honouring retry-after-ms); default 2. */
  maxRetries?: number;
  /** Time to the response headers; the engine's watchdog covers the stream after that. */
  timeoutMs?: number;
}

type StreamEvent = { type: string; [key: string]: unknown };

/** The stream's terminal and error events, in both shapes of `error`. */
const failure = (event: StreamEvent): NodeError | undefined => {
  switch (event.type) {
    case 'error': {
      // The real wire shape nests {code, message}; the published schema is flat.
      const inner = (event.error as { code?: string; message?: string } | undefined) ?? event;
      return apiNodeError(
        inner.code as string | undefined,
        String(inner.message ?? 'stream error'),
      );
    }
    case 'response.failed': {
      const error = (event.response as ResponseObject).error;
      return apiNodeError(
        error?.code ?? 'response_failed',
        error?.message ?? 'The response failed.',
      );
    }
    case 'response.incomplete': {
      const details = (event.response as { incomplete_details?: { reason?: string } | null })
        .incomplete_details;
      const reason = details?.reason ?? 'unknown';
      return new NodeError(
        'response_incomplete',
        `The API stopped before finishing (${reason})${reason === 'max_output_tokens' ? ': shorten the prompt or context' : ''}; rerun.`,
      );
    }
    default:
      return undefined;
  }
};

/** The header that ties the SDK's HTTP requests (its retries included) to one create call. */
const CALL_HEADER = 'x-atelier-call';

/**
 * A 400 refusing `stream: true` for an organization that is not verified (the model works
 * without streaming): `param: "stream"`, `code: "unsupported_value"`.
 */
const isStreamingRefused = (error: unknown): boolean =>
  error instanceof APIError &&
  error.status === 400 &&
  error.param === 'stream' &&
  (error.code === 'unsupported_value' || error.code === null || error.code === undefined);

/** A non-streaming call sends no events: this many ms apart it says it is still waiting. */
const WAITING_EVERY_MS = 10_000;

/** The outcome of a non-streaming call, read like the stream's terminal events. */
const completed = (response: ResponseObject & { incomplete_details?: unknown }): ResponseObject => {
  if (response.status === 'completed') return response;
  const error =
    failure({ type: `response.${response.status}`, response }) ??
    new NodeError('response_failed', `The response ended as ${response.status}.`);
  throw error;
};

/**
 * The ResponsesClient of the server, on the official SDK: streams `responses.create`,
 * resolves with the `response.completed` payload, and turns every other ending into a
 * NodeError a person can act on. The key never appears in an error.
 *
 * A model whose streaming the API refuses for this organization (not verified) is called
 * without streaming from then on: the node says why, and gets no partial images.
 */
export const createOpenAIResponses = (options: OpenAIResponsesOptions): OpenAIResponses => {
  // Each create call's HTTP requests, the SDK's own retries included, are reported to it.
  const calls = new Map<string, () => void>();
  const counting: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    const id = headers.get(CALL_HEADER);
    if (id !== null) {
      calls.get(id)?.();
      headers.delete(CALL_HEADER);
    }
    return fetch(input, { ...init, headers });
  };
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeoutMs ?? 120_000,
    fetch: withWaitHints(counting),
  });
  const context = { baseURL: client.baseURL, apiKey: options.apiKey };
  /** Mainline models this organization may not stream. */
  const streamingRefused = new Set<string>();
  let callSeq = 0;

  const streamed = async (
    request: ResponsesRequest,
    { signal, onEvent }: CreateOptions,
    headers: Record<string, string>,
  ): Promise<ResponseObject> => {
    const params = { ...request, stream: true } as unknown as ResponseCreateParamsStreaming;
    const stream = await client.responses.create(params, { signal, headers });
    for await (const raw of stream) {
      const event = raw as unknown as StreamEvent;
      onEvent?.(event as ResponseStreamEvent);
      if (event.type === 'response.completed') {
        // The rest of the stream carries nothing; leaving the loop closes it.
        return event.response as ResponseObject;
      }
      const error = failure(event);
      if (error) throw error;
    }
    if (signal.aborted) throw new NodeError('cancelled', 'The request was cancelled.');
    throw new NodeError(
      'stream_incomplete',
      'The API closed the stream before the response completed; rerun (finished nodes stay cached).',
      { retryable: true },
    );
  };

  const unstreamed = async (
    request: ResponsesRequest,
    { signal, onEvent }: CreateOptions,
    headers: Record<string, string>,
  ): Promise<ResponseObject> => {
    // No events arrive while the API works; tell the idle watchdog the call is alive (the
    // SDK's timeout bounds it instead).
    const waiting = setInterval(() => onEvent?.({ type: 'atelier.waiting' }), WAITING_EVERY_MS);
    try {
      const params = { ...request, stream: false } as unknown as ResponseCreateParamsNonStreaming;
      const response = await client.responses.create(params, {
        signal,
        headers,
        timeout: UNSTREAMED_TIMEOUT_MS,
      });
      return completed(response as unknown as ResponseObject);
    } finally {
      clearInterval(waiting);
    }
  };

  const create = async (
    request: ResponsesRequest,
    opts: CreateOptions,
  ): Promise<ResponseObject> => {
    const id = String(++callSeq);
    if (opts.onRequest) calls.set(id, opts.onRequest);
    const headers = { [CALL_HEADER]: id };
    try {
      if (streamingRefused.has(request.model)) return await unstreamed(request, opts, headers);
      try {
        return await streamed(request, opts, headers);
      } catch (error) {
        if (!isStreamingRefused(error)) throw error;
        streamingRefused.add(request.model);
        opts.log?.(
          `OpenAI refused to stream ${request.model} because this organization is not verified; ` +
            'ran the call without streaming, so no partial images appear for this model until the ' +
            'organization is verified (platform.openai.com/settings/organization/general; it can ' +
            'take 15 minutes to apply). Later calls to it skip the refused attempt.',
        );
        return await unstreamed(request, opts, headers);
      }
    } catch (error) {
      throw toNodeError(error, { ...context, signal: opts.signal });
    } finally {
      calls.delete(id);
    }
  };

  const listModels = async (): Promise<LiveModel[]> => {
    const models: LiveModel[] = [];
    for await (const model of client.models.list()) models.push(liveModel(model));
    return models;
  };

  return { identity: options.identity, create, listModels };
};

/** The server's client: responses, plus the API's model list (with shutdown dates). */
export type OpenAIResponses = ResponsesClient & { listModels(): Promise<LiveModel[]> };

/**
 * A `GET /v1/models` entry: SDK 6.49's type lacks `shutdown_date`, so it is read from the raw
 * object, as unix seconds or an ISO date.
 */
export const liveModel = (model: unknown): LiveModel => {
  const raw = model as { id: string; shutdown_date?: number | string | null };
  const date = raw.shutdown_date;
  let ms: number | undefined;
  if (typeof date === 'number') ms = date * 1000;
  else if (typeof date === 'string' && date)
    ms = /^\d+$/.test(date) ? Number(date) * 1000 : Date.parse(date);
  return ms !== undefined && Number.isFinite(ms)
    ? { id: raw.id, shutdownDate: new Date(ms).toISOString().slice(0, 10) }
    : { id: raw.id };
};

/** A generation can take minutes; without a stream only this bounds the wait. */
const UNSTREAMED_TIMEOUT_MS = 10 * 60_000;
