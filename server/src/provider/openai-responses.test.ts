import { createFakeOpenAI, type FakeOpenAI } from '@atelier/fake-openai';
import type { ResponsesRequest } from '@atelier/nodes';
import { NodeError } from '@atelier/nodes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIResponses } from './openai-responses';

const KEY = 'sk-test-secret-key-1234567890';
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await createFakeOpenAI({ port: 0 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.configure({ faults: {}, latency: {} });
  fake.resetStats();
});

const client = (maxRetries = 2) =>
  createOpenAIResponses({ apiKey: KEY, baseURL: fake.baseURL, identity: 'simulator', maxRetries });

const imageRequest = (prompt: string): ResponsesRequest => ({
  model: 'gpt-6.1-sol',
  input: prompt,
  tools: [{ type: 'image_generation', size: '1024x1024', quality: 'low', partial_images: 1 }],
});

const failure = async (promise: Promise<unknown>): Promise<NodeError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeError);
  expect((error as NodeError).message).not.toContain(KEY);
  return error as NodeError;
};

describe('createOpenAIResponses against the fake', () => {
  it('streams events and resolves with the completed response', async () => {
    const types: string[] = [];
    const response = await client().create(imageRequest('a red bicycle'), {
      signal: new AbortController().signal,
      onEvent: (event) => types.push(event.type),
    });
    expect(response.status).toBe('completed');
    expect(response.output.some((item) => item.type === 'image_generation_call')).toBe(true);
    expect(types).toContain('response.image_generation_call.partial_image');
    expect(types.at(-1)).toBe('response.completed');
  });

  it('turns insufficient quota into advice about billing', async () => {
    const error = await failure(
      client().create(imageRequest('a cat [sim:quota]'), { signal: new AbortController().signal }),
    );
    expect(error.code).toBe('insufficient_quota');
    expect(error.message).toMatch(/no credit left.*platform\.openai\.com/);
    expect(error.details.retryable).toBe(false);
  });

  it('reports a rate limit with its status and retry-after once the SDK gave up', async () => {
    const error = await failure(
      client(0).create(imageRequest('a cat [sim:rate_limit]'), {
        signal: new AbortController().signal,
      }),
    );
    expect(error).toMatchObject({ code: 'rate_limit_exceeded' });
    expect(error.details).toMatchObject({ status: 429, retryable: true });
    expect(error.details.retryAfterMs).toBeGreaterThanOrEqual(0);
  });

  it('lets the SDK retry a 429 before the stream starts', async () => {
    fake.configure({ faults: { rateLimit: { first: 1 }, retryAfterMs: 5 } });
    const response = await client().create(imageRequest('a lighthouse'), {
      signal: new AbortController().signal,
    });
    expect(response.status).toBe('completed');
    expect(fake.requestLog.filter((entry) => entry.path === '/v1/responses')).toHaveLength(2);
  });

  it('maps a server error after retries to server_error', async () => {
    const error = await failure(
      client(0).create(imageRequest('a cat [sim:server_error]'), {
        signal: new AbortController().signal,
      }),
    );
    expect(error).toMatchObject({ code: 'server_error' });
    expect(error.details.status).toBe(500);
  });

  it('fails a cut stream as stream_incomplete', async () => {
    const error = await failure(
      client().create(imageRequest('a cat [sim:cut]'), { signal: new AbortController().signal }),
    );
    expect(error.code).toBe('stream_incomplete');
  });

  it('turns an abort into cancelled', async () => {
    const controller = new AbortController();
    const pending = client().create(imageRequest('a cat [sim:stall]'), {
      signal: controller.signal,
      onEvent: () => controller.abort(),
    });
    const error = await failure(pending);
    expect(error.code).toBe('cancelled');
  });

  it('reports a refused key without repeating it', async () => {
    fake.configure({ apiKey: 'sk-the-right-one' });
    const error = await failure(
      client().create(imageRequest('a cat'), { signal: new AbortController().signal }),
    );
    expect(error.code).toBe('invalid_api_key');
    expect(error.message).toMatch(/OPENAI_API_KEY/);
    fake.configure({ apiKey: undefined });
  });
});
