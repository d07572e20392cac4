import { createFakeOpenAI, type FakeOpenAI } from '@atelier/fake-openai';
import type { ResponsesRequest } from '@atelier/nodes';
import { NodeError } from '@atelier/nodes';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider } from '../../server/src/provider/create-provider';
import { createOpenAIResponses } from '../../server/src/provider/openai-responses';
import { retryAfterMs } from '../../server/src/provider/node-errors';

const KEY = 'sk-proj-integration-secret-0123456789';
const request: ResponsesRequest = {
  model: 'gpt-6.1-sol',
  input: 'a lighthouse',
  tools: [{ type: 'image_generation', size: '1024x1024', quality: 'low' }],
};
const signal = () => new AbortController().signal;

const rejection = async (promise: Promise<unknown>): Promise<NodeError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeError);
  expect(
    JSON.stringify({ ...(error as NodeError), message: (error as Error).message }),
  ).not.toContain(KEY);
  return error as NodeError;
};

/** A stand-in API that answers every POST with the given SSE events. */
const sseServer = async (events: object[]): Promise<{ url: string; server: Server }> => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const [i, event] of events.entries())
      res.write(`data: ${JSON.stringify({ sequence_number: i, ...event })}\n\n`);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server };
};

const inProgress = {
  type: 'response.created',
  response: {
    id: 'resp_1',
    status: 'in_progress',
    output: [],
    model: 'gpt-6.1-sol',
    usage: null,
    error: null,
  },
};

describe('createProvider', () => {
  it('starts the simulator in-process and reaches it through the SDK', async () => {
    const provider = await createProvider({ provider: 'auto', apiKey: undefined });
    try {
      expect(provider).toMatchObject({ kind: 'simulator', identity: 'simulator' });
      expect(provider.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const response = await provider.responses.create(request, { signal: signal() });
      expect(response.status).toBe('completed');
    } finally {
      await provider.close();
    }
  });

  it('uses OpenAI with a key, and names the base URL in its identity', async () => {
    const provider = await createProvider({
      provider: 'auto',
      apiKey: KEY,
      baseURL: 'https://proxy.example.com/v1/',
    });
    expect(provider).toMatchObject({
      kind: 'openai',
      identity: 'openai:https://proxy.example.com/v1',
    });
    const simulator = await createProvider({ provider: 'simulator', apiKey: KEY });
    expect(simulator.identity).toBe('simulator');
    await simulator.close();
  });
});

describe('OpenAI errors become NodeErrors a person can act on, without the key', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await createFakeOpenAI({ port: 0, apiKey: 'sk-the-only-valid-key' });
  });
  afterAll(() => fake.close());

  it('a wrong key: invalid_api_key, HTTP 401, not retried', async () => {
    const client = createOpenAIResponses({ apiKey: KEY, baseURL: fake.baseURL, identity: 'x' });
    const error = await rejection(client.create(request, { signal: signal() }));
    expect(error.code).toBe('invalid_api_key');
    expect(error.details).toMatchObject({ status: 401, retryable: false });
  });

  it('every failure marker of the fake ends as its NodeError', async () => {
    fake.configure({ apiKey: KEY });
    const client = createOpenAIResponses({
      apiKey: KEY,
      baseURL: fake.baseURL,
      identity: 'x',
      maxRetries: 0,
    });
    const expected: Record<string, string> = {
      quota: 'insufficient_quota',
      rate_limit: 'rate_limit_exceeded',
      server_error: 'server_error',
      cut: 'stream_incomplete',
    };
    for (const [marker, code] of Object.entries(expected)) {
      const error = await rejection(
        client.create({ ...request, input: `a cat [sim:${marker}]` }, { signal: signal() }),
      );
      expect(error.code, marker).toBe(code);
    }
    // A stall never ends by itself: the engine's watchdog aborts it, which reads as cancelled here.
    const controller = new AbortController();
    const stalled = client.create(
      { ...request, input: 'a cat [sim:stall]' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 200);
    expect((await rejection(stalled)).code).toBe('cancelled');
    // Moderation is reported inside a completed response; the image node turns it into an error.
    const refused = await client.create(
      { ...request, input: 'a cat [sim:moderation]' },
      { signal: signal() },
    );
    const call = refused.output.find((item) => item.type === 'image_generation_call');
    expect(call && 'error' in call ? call.error?.code : undefined).toBe('moderation_blocked');
  });
});

describe('stream endings', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));
  const clientFor = async (events: object[]) => {
    const { url, server } = await sseServer(events);
    servers.push(server);
    return createOpenAIResponses({ apiKey: KEY, baseURL: url, identity: 'x', maxRetries: 0 });
  };

  it('a flat error event (the published schema) carries its code', async () => {
    const client = await clientFor([
      inProgress,
      { type: 'error', code: 'server_error', message: 'boom', param: null },
    ]);
    expect((await rejection(client.create(request, { signal: signal() }))).code).toBe(
      'server_error',
    );
  });

  it('a nested error event (real traffic) carries its code', async () => {
    const client = await clientFor([
      inProgress,
      {
        type: 'error',
        error: {
          type: 'invalid_request_error',
          code: 'invalid_image',
          message: 'bad image',
          param: null,
        },
      },
    ]);
    const error = await rejection(client.create(request, { signal: signal() }));
    expect(error.code).toBe('invalid_image');
    expect(error.message).toMatch(/bad image/);
  });

  it('response.failed without an error event takes the code of response.error', async () => {
    const client = await clientFor([
      inProgress,
      {
        type: 'response.failed',
        response: {
          ...inProgress.response,
          status: 'failed',
          error: { code: 'rate_limit_exceeded', message: 'TPM' },
        },
      },
    ]);
    expect((await rejection(client.create(request, { signal: signal() }))).code).toBe(
      'rate_limit_exceeded',
    );
  });

  it('response.incomplete says why', async () => {
    const client = await clientFor([
      inProgress,
      {
        type: 'response.incomplete',
        response: {
          ...inProgress.response,
          status: 'incomplete',
          incomplete_details: { reason: 'max_output_tokens' },
        },
      },
    ]);
    const error = await rejection(client.create(request, { signal: signal() }));
    expect(error.code).toBe('response_incomplete');
    expect(error.message).toMatch(/max_output_tokens/);
  });

  it('a stream that ends without response.completed is stream_incomplete', async () => {
    const client = await clientFor([inProgress]);
    expect((await rejection(client.create(request, { signal: signal() }))).code).toBe(
      'stream_incomplete',
    );
  });
});

describe('retryAfterMs', () => {
  it('reads retry-after-ms, then retry-after in seconds or as a date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now)).toBe(
      3000,
    );
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });
});
