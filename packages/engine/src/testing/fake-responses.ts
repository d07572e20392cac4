import type {
  CreateOptions,
  ResponseObject,
  ResponsesClient,
  ResponsesRequest,
} from '@atelier/nodes';
import { NodeError } from '@atelier/nodes';

export type FakeHandler = (
  request: ResponsesRequest,
  options: CreateOptions,
  index: number,
) => Promise<ResponseObject> | ResponseObject;

/** The text a toy request carries (toy nodes send `input` as a string). */
export const inputText = (request: ResponsesRequest): string =>
  typeof request.input === 'string'
    ? request.input
    : request.input
        .flatMap((message) => message.content)
        .map((part) => (part.type === 'input_text' ? part.text : '[image]'))
        .join('\n');

let responseCounter = 0;

/**
 * A completed response for `request`: a text message `echo(<identity>): <input>`, or
 * with an image_generation tool an image call whose result is base64 of the prompt text.
 * Streams `partial_images` partial-image events first.
 */
export const completeResponse = (
  identity: string,
  request: ResponsesRequest,
  options: CreateOptions,
): ResponseObject => {
  const text = inputText(request);
  const id = `resp_${++responseCounter}`;
  const usage = { input_tokens: 100, output_tokens: 20 };
  const tool = request.tools?.find((t) => t.type === 'image_generation');
  if (!tool || tool.type !== 'image_generation')
    return {
      id,
      status: 'completed',
      model: request.model,
      output: [
        {
          type: 'message',
          id: `msg_${id}`,
          role: 'assistant',
          content: [{ type: 'output_text', text: `echo(${identity}): ${text}`, annotations: [] }],
        },
      ],
      usage,
      error: null,
    };
  for (let i = 0; i < (tool.partial_images ?? 0); i++)
    options.onEvent?.({
      type: 'response.image_generation_call.partial_image',
      item_id: `ig_${id}`,
      output_index: 0,
      partial_image_index: i,
      partial_image_b64: Buffer.from(`partial ${i} of ${identity}: ${text}`).toString('base64'),
      sequence_number: i + 1,
    });
  return {
    id,
    status: 'completed',
    model: request.model,
    output: [
      {
        type: 'image_generation_call',
        id: `ig_${id}`,
        status: 'completed',
        result: Buffer.from(`image of ${identity}: ${text}`).toString('base64'),
        size: tool.size ?? '1024x1024',
        quality: tool.quality ?? 'low',
      },
    ],
    usage,
    error: null,
  };
};

/** Resolves after `ms` (a real timer), or rejects when `signal` aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new NodeError('cancelled', 'aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new NodeError('cancelled', 'aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * A ResponsesClient for tests and benchmarks. By default answers at once (or after
 * `latencyMs`) with `completeResponse`; replace `handler` to script failures or gates.
 * Counts calls and the most calls in flight at once.
 */
export class FakeResponses implements ResponsesClient {
  identity: string;
  latencyMs: number;
  handler: FakeHandler;
  readonly requests: ResponsesRequest[] = [];
  readonly signals: AbortSignal[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(options: { identity?: string; latencyMs?: number; handler?: FakeHandler } = {}) {
    this.identity = options.identity ?? 'simulator';
    this.latencyMs = options.latencyMs ?? 0;
    this.handler =
      options.handler ??
      (async (request, createOptions) => {
        if (this.latencyMs > 0) await sleep(this.latencyMs, createOptions.signal);
        return completeResponse(this.identity, request, createOptions);
      });
  }

  get calls(): number {
    return this.requests.length;
  }

  async create(request: ResponsesRequest, options: CreateOptions): Promise<ResponseObject> {
    const index = this.requests.length;
    this.requests.push(request);
    this.signals.push(options.signal);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await this.handler(request, options, index);
    } finally {
      this.inFlight--;
    }
  }

  /** The default answer, for handlers that script only some calls. */
  respond(request: ResponsesRequest, options: CreateOptions): ResponseObject {
    return completeResponse(this.identity, request, options);
  }
}
