import type {
  CreateOptions,
  ResponseObject,
  ResponsesClient,
  ResponsesRequest,
  ResponseStreamEvent,
} from '@atelier/nodes';
import { NodeError } from '@atelier/nodes';
import OpenAI from 'openai';
import type { ResponseCreateParamsStreaming } from 'openai/resources/responses/responses';
import { apiNodeError, toNodeError } from './node-errors';

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

/**
 * The ResponsesClient of the server, on the official SDK: streams `responses.create`,
 * resolves with the `response.completed` payload, and turns every other ending into a
 * NodeError a person can act on. The key never appears in an error.
 */
export const createOpenAIResponses = (options: OpenAIResponsesOptions): ResponsesClient => {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeoutMs ?? 120_000,
  });
  const context = { baseURL: client.baseURL, apiKey: options.apiKey };

  const create = async (
    request: ResponsesRequest,
    { signal, onEvent }: CreateOptions,
  ): Promise<ResponseObject> => {
    try {
      const params = { ...request, stream: true } as unknown as ResponseCreateParamsStreaming;
      const stream = await client.responses.create(params, { signal });
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
    } catch (error) {
      throw toNodeError(error, { ...context, signal });
    }
    if (signal.aborted) throw new NodeError('cancelled', 'The request was cancelled.');
    throw new NodeError(
      'stream_incomplete',
      'The API closed the stream before the response completed; rerun (finished nodes stay cached).',
      { retryable: true },
    );
  };

  return { identity: options.identity, create };
};
