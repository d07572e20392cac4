import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFakeOpenAI } from '../src/index';
import { createValidators, NEWER_FIELDS, RELAXATIONS } from './schema-validator';
import {
  SMALL,
  dataUrl,
  maskImage,
  rawStream,
  testImage,
  useFake,
  userMessage,
  type Loose,
} from './helpers';

const fixtures = new URL('./fixtures/', import.meta.url);
const recorded = readdirSync(fixtures)
  .filter((f) => f.endsWith('.chunks.txt'))
  .map((file) => ({
    file,
    events: readFileSync(new URL(file, fixtures), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Loose),
  }));
const relaxed = createValidators();
const strict = createValidators({ relaxed: false });

describe('the schema validator', () => {
  it('accepts every event of the recorded real streams', () => {
    expect(recorded.map((r) => r.file).sort()).toEqual([
      'openai-error.1.chunks.txt',
      'openai-image-generation-tool.1.chunks.txt',
      'openai-web-search-tool.1.chunks.txt',
    ]);
    for (const { events } of recorded)
      for (const event of events) expect(relaxed.event(event)).toBeNull();
  });

  it('accepts the recorded non-streaming responses', () => {
    for (const file of ['openai-image-generation-tool.1.json', 'openai-web-search-tool.1.json']) {
      expect(
        relaxed.response(JSON.parse(readFileSync(new URL(file, fixtures), 'utf8'))),
      ).toBeNull();
    }
  });

  it('needs every relaxation: leaving out any one rejects some recorded event', () => {
    const all = recorded.flatMap((r) => r.events);
    expect(all.filter((e) => strict.event(e) !== null).length).toBeGreaterThan(0);
    for (const relaxation of RELAXATIONS) {
      const partial = createValidators({ without: relaxation.schema });
      expect(
        all.some((e) => partial.event(e) !== null),
        relaxation.schema,
      ).toBe(true);
    }
  }, 60_000);

  it('needs every newer field: leaving one out rejects what the fake sends, or lets a broken value pass', async () => {
    const fake = await createFakeOpenAI({ keepaliveMs: 20, latency: { perPartialImageMs: 100 } });
    try {
      const slow = await rawStream(fake, {
        model: 'gpt-6.1-sol',
        input: 'Slow [sim:search_incomplete]',
        tools: [
          { type: 'web_search' },
          {
            type: 'image_generation',
            model: 'gpt-image-2.6-sunburst',
            size: SMALL.size,
            quality: 'xhigh',
            complexity: 'high',
          },
        ],
      });
      const events = slow.events;
      const completed = events.at(-1)!;
      expect(completed.type).toBe('response.completed');
      for (const event of events) expect(relaxed.event(event)).toBeNull();
      const broken = {
        ...completed.response,
        tool_usage: { ...completed.response.tool_usage, web_search: {} },
      };
      expect(relaxed.response(broken)).not.toBeNull();
      expect(relaxed.event({ type: 'keepalive' })).not.toBeNull();
      for (const field of NEWER_FIELDS) {
        const partial = createValidators({ without: field.schema });
        const rejectsSent = events.some((e) => partial.event(e) !== null);
        const passesBroken = partial.response(broken) === null;
        expect(rejectsSent || passesBroken, field.schema).toBe(true);
      }
    } finally {
      await fake.close();
    }
  }, 60_000);

  it('rejects broken events, so it is not vacuous', () => {
    const created = recorded.find((r) => r.file.startsWith('openai-image'))!.events[0]!;
    expect(relaxed.event({ ...created, sequence_number: 'zero' })).not.toBeNull();
    expect(
      relaxed.event({ ...created, response: { ...created.response, status: 'done' } }),
    ).not.toBeNull();
    expect(
      relaxed.event({ type: 'response.output_text.delta', sequence_number: 1, output_index: 0 }),
    ).not.toBeNull();
    expect(relaxed.event({ type: 'response.made_up', sequence_number: 1 })).not.toBeNull();
    expect(
      relaxed.event({ type: 'error', sequence_number: 2, error: { message: 'no code' } }),
    ).not.toBeNull();
    expect(relaxed.response({ ...created.response, object: 'thing' })).not.toBeNull();
  });
});

/** Checks the invariants of the recorded streams on a stream the fake sent. */
function checkStream(events: Loose[]): void {
  expect(events[0]?.type).toBe('response.created');
  events.forEach((event, i) => {
    expect(event.sequence_number).toBe(i);
    expect(relaxed.event(event), `event ${i} ${String(event.type)}`).toBeNull();
  });
  const added = new Set<number>();
  for (const event of events) {
    if (event.type === 'response.output_item.added') {
      expect(event.output_index).toBe(added.size);
      added.add(event.output_index as number);
    } else if (typeof event.output_index === 'number') {
      expect(added.has(event.output_index), `${String(event.type)} before its item was added`).toBe(
        true,
      );
    }
  }
  const last = events.at(-1)!;
  if (last.type === 'response.completed') {
    const done = events.filter((e) => e.type === 'response.output_item.done').map((e) => e.item);
    expect(last.response.output).toEqual(done);
    expect(relaxed.response(last.response)).toBeNull();
    expect(last.response.usage.input_tokens_details.cached_tokens).toEqual(expect.any(Number));
    expect(last.response.usage.output_tokens_details.reasoning_tokens).toEqual(expect.any(Number));
  }
}

describe('what the fake sends validates against the official schemas', () => {
  // A fixed day, so the non-reasoning gpt-4.1 (shut down 2027-01-14) keeps answering.
  const t = useFake({ now: '2026-12-01T12:00:00Z' });
  const tool = {
    type: 'image_generation',
    model: 'gpt-image-2',
    size: SMALL.size,
    partial_images: 2,
  };

  it('for a web search followed by an image with partial images', async () => {
    const { events } = await rawStream(t.fake, {
      model: 'gpt-6.1-sol',
      input: 'A poster of the weather in Lisbon',
      tools: [{ type: 'web_search' }, tool],
      include: ['web_search_call.action.sources'],
    });
    checkStream(events);
    const types = events.map((e) => e.type);
    expect(types.indexOf('response.web_search_call.completed')).toBeLessThan(
      types.indexOf('response.image_generation_call.in_progress'),
    );
    expect(events.filter((e) => e.type === 'response.output_item.added')[0]!.item.type).toBe(
      'reasoning',
    );
    expect(types.at(-1)).toBe('response.completed');
  });

  it('for a masked edit, a moderation refusal, an insufficient-quota failure and plain text', async () => {
    const input = dataUrl(await testImage(64, 64));
    const mask = dataUrl(await maskImage(64, 64, { x: 0, y: 0, w: 32, h: 32 }));
    const bodies = [
      {
        model: 'gpt-6.1-sol',
        input: userMessage('Add a moon', [input]),
        tools: [{ ...tool, size: 'auto', input_image_mask: { image_url: mask } }],
      },
      { model: 'gpt-6.1-sol', input: 'A forbidden picture [sim:moderation]', tools: [tool] },
      { model: 'gpt-6-luna', input: 'Anything [sim:quota]', tools: [] },
      { model: 'gpt-4.1', input: 'Just say hello' },
    ];
    for (const body of bodies) checkStream((await rawStream(t.fake, body)).events);
  });

  it('for non-streaming responses', async () => {
    const res = await fetch(`${t.fake.baseURL}/responses`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-6.1-sol',
        input: 'Weather in Oslo',
        tools: [{ type: 'web_search' }, tool],
        metadata: { run: '1' },
      }),
    });
    expect(relaxed.response(await res.json())).toBeNull();
  });

  it('ends a failed stream with the nested error event and response.failed, like the recording', async () => {
    const { events } = await rawStream(t.fake, { model: 'gpt-6-luna', input: '[sim:quota] hi' });
    expect(events.map((e) => e.type)).toEqual([
      'response.created',
      'response.in_progress',
      'error',
      'response.failed',
    ]);
    expect(events[2]!.error).toEqual({
      type: 'insufficient_quota',
      code: 'insufficient_quota',
      message: expect.any(String),
      param: null,
    });
    expect(events[3]!.response).toMatchObject({
      status: 'failed',
      error: { code: 'insufficient_quota' },
    });
  });
});
