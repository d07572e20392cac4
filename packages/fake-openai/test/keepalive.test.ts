import OpenAI from 'openai';
import { describe, expect, it, vi } from 'vitest';
import { createFakeOpenAI } from '../src/index';
import { createValidators } from './schema-validator';
import { imageItem, rawStream, SMALL } from './helpers';

const validators = createValidators();
const tool = { type: 'image_generation', model: 'gpt-image-2.6-flare', size: SMALL.size } as const;

describe('keepalive events on slow streams', () => {
  it('fill the silence of a slow generation, numbered in sequence, and validate', async () => {
    const fake = await createFakeOpenAI({ keepaliveMs: 30, latency: { perPartialImageMs: 200 } });
    try {
      const { events } = await rawStream(fake, {
        model: 'gpt-6.1-sol',
        input: 'A slow picture',
        tools: [{ ...tool, partial_images: 1 }],
      });
      events.forEach((event, i) => {
        expect(event.sequence_number).toBe(i);
        expect(validators.event(event), `event ${i} ${String(event.type)}`).toBeNull();
      });
      const keepalives = events.filter((e) => e.type === 'keepalive');
      expect(keepalives.length).toBeGreaterThan(0);
      expect(keepalives[0]).toEqual({ type: 'keepalive', sequence_number: expect.any(Number) });
      // Only inside the stream: after response.created, never after the terminal event.
      expect(events[0]!.type).toBe('response.created');
      expect(events.at(-1)!.type).toBe('response.completed');
      expect(fake.stats.keepalives).toBe(keepalives.length);
    } finally {
      await fake.close();
    }
  });

  it('do not disturb the SDK: create() yields them, stream().finalResponse() completes', async () => {
    const fake = await createFakeOpenAI({ keepaliveMs: 20, latency: { perPartialImageMs: 120 } });
    try {
      const client = new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, maxRetries: 0 });
      const body = { model: 'gpt-6.1-sol', input: 'Slow', tools: [tool] };
      const types: string[] = [];
      for await (const event of await client.responses.create({ ...body, stream: true }))
        types.push(event.type);
      expect(types).toContain('keepalive');
      const final = await client.responses.stream(body).finalResponse();
      expect(final.status).toBe('completed');
      expect(imageItem(final).status).toBe('completed');
    } finally {
      await fake.close();
    }
  });

  it('are not sent on a fast stream, nor when keepaliveMs is 0', async () => {
    const fake = await createFakeOpenAI({ keepaliveMs: 0, latency: { perPartialImageMs: 100 } });
    try {
      const slow = await rawStream(fake, { model: 'gpt-6.1-sol', input: 'x', tools: [tool] });
      expect(slow.events.some((e) => e.type === 'keepalive')).toBe(false);
      fake.configure({ keepaliveMs: 60_000 });
      const fast = await rawStream(fake, { model: 'gpt-6.1-sol', input: 'x', tools: [tool] });
      expect(fast.events.some((e) => e.type === 'keepalive')).toBe(false);
      expect(fake.stats.keepalives).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('are never sent during a stall: a stalled stream stays silent', async () => {
    const fake = await createFakeOpenAI({ keepaliveMs: 10, faults: { stall: { first: 1 } } });
    try {
      const controller = new AbortController();
      const res = await fetch(`${fake.baseURL}/responses`, {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-6.1-sol', input: 'x', stream: true }),
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      let text = '';
      const read = async (): Promise<void> => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          text += new TextDecoder().decode(value);
        }
      };
      const reading = read().catch(() => undefined);
      await vi.waitFor(() => expect(text).toContain('response.in_progress'));
      await new Promise((r) => setTimeout(r, 150)); // 15 keepalive periods of silence
      controller.abort();
      await reading;
      expect(text).not.toContain('keepalive');
      expect(fake.stats.keepalives).toBe(0);
    } finally {
      await fake.close();
    }
  });
});
