import { describe, expect, it } from 'vitest';
import {
  SMALL_TOOL,
  imageItem,
  pixelsOf,
  postJson,
  rawStream,
  useFake,
  type Loose,
} from './helpers';

describe('web_search', () => {
  const t = useFake();

  it('streams a web_search_call with its phases, then a cited message', async () => {
    const { events } = await rawStream(t.fake, {
      model: 'gpt-6.1-sol',
      input: 'Weather in Lisbon today',
      tools: [{ type: 'web_search' }],
    });
    const types = events.map((e) => e.type as string);
    const ws = types.indexOf('response.web_search_call.in_progress');
    expect(types.slice(ws, ws + 3)).toEqual([
      'response.web_search_call.in_progress',
      'response.web_search_call.searching',
      'response.web_search_call.completed',
    ]);
    const deltas = events
      .filter((e) => e.type === 'response.output_text.delta')
      .map((e) => e.delta as string);
    const done = events.find((e) => e.type === 'response.output_text.done')!;
    expect(deltas.join('')).toBe(done.text);
    const added = events.filter((e) => e.type === 'response.output_text.annotation.added');
    expect(added.length).toBe(3);
    // Each annotation is announced after the delta that completes its text.
    for (const event of added) {
      const before = events
        .slice(0, events.indexOf(event))
        .filter((e) => e.type === 'response.output_text.delta');
      expect(before.map((e) => e.delta as string).join('').length).toBeGreaterThanOrEqual(
        event.annotation.end_index as number,
      );
    }
  });

  it('puts url_citation annotations on the substrings that cite them', async () => {
    const res = await postJson(t.fake, {
      model: 'gpt-6.1-sol',
      input: 'Best bakeries in Porto',
      tools: [{ type: 'web_search' }],
    });
    const message = (res.json.output as Loose[]).find((o) => o.type === 'message')!;
    const part = message.content[0] as { text: string; annotations: Loose[] };
    expect(part.annotations.length).toBe(3);
    for (const a of part.annotations) {
      const cited = part.text.slice(a.start_index as number, a.end_index as number);
      const domain = new URL(a.url as string).hostname;
      expect(cited).toBe(`([${domain}](${a.url as string}))`);
      expect(a.url).toMatch(/simulated/);
    }
    expect(part.text).toMatch(/^Simulated web search/);
  });

  it('lists sources only when include asks for them', async () => {
    const body = { model: 'gpt-6.1-sol', input: 'Tides in Brest', tools: [{ type: 'web_search' }] };
    const without = await postJson(t.fake, body);
    const withSources = await postJson(t.fake, {
      ...body,
      include: ['web_search_call.action.sources'],
    });
    const call = (r: Loose): Loose =>
      (r.output as Loose[]).find((o) => o.type === 'web_search_call')!;
    expect(call(without.json).action).toEqual({
      type: 'search',
      query: 'Tides in Brest',
      queries: ['Tides in Brest'],
    });
    expect(call(withSources.json).action.sources).toHaveLength(3);
    expect(call(withSources.json).action.sources[0]).toEqual({
      type: 'url',
      url: expect.stringMatching(/^https:\/\//),
    });
  });

  it('uses the allowed domains of filters', async () => {
    const res = await postJson(t.fake, {
      model: 'gpt-6.1-sol',
      input: 'Opening hours',
      include: ['web_search_call.action.sources'],
      tools: [
        {
          type: 'web_search',
          filters: { allowed_domains: ['museum.example.org', 'https://city.example.net/'] },
          search_context_size: 'high',
        },
      ],
    });
    const call = (res.json.output as Loose[]).find((o) => o.type === 'web_search_call')!;
    const hosts = (call.action.sources as Loose[]).map((s) => new URL(s.url as string).hostname);
    expect(hosts).toEqual([
      'museum.example.org',
      'city.example.net',
      'museum.example.org',
      'city.example.net',
    ]);
    expect(res.json.tools[0]).toMatchObject({ type: 'web_search', search_context_size: 'high' });
  });

  it('is deterministic', async () => {
    const body = { model: 'gpt-6.1-sol', input: 'Same query', tools: [{ type: 'web_search' }] };
    const text = async (): Promise<string> =>
      ((await postJson(t.fake, body)).json.output as Loose[]).find((o) => o.type === 'message')!
        .content[0].text;
    expect(await text()).toBe(await text());
  });

  it('searches before generating and lets the search change the image', async () => {
    const both = await postJson(t.fake, {
      model: 'gpt-6.1-sol',
      input: 'A poster of Lisbon',
      tools: [{ type: 'web_search' }, SMALL_TOOL],
    });
    const types = (both.json.output as Loose[]).map((o) => o.type);
    expect(types).toEqual([
      'reasoning',
      'web_search_call',
      'reasoning',
      'image_generation_call',
      'message',
    ]);
    const alone = await postJson(t.fake, {
      model: 'gpt-6.1-sol',
      input: 'A poster of Lisbon',
      tools: [SMALL_TOOL],
    });
    const a = await pixelsOf(imageItem(both.json as { output: unknown[] }).result);
    const b = await pixelsOf(imageItem(alone.json as { output: unknown[] }).result);
    expect(a.data.equals(b.data)).toBe(false);
  });

  it('lists its queries in action.queries and keeps the deprecated action.query', async () => {
    const res = await postJson(t.fake, {
      model: 'gpt-6.1-sol',
      input: 'Ferry times',
      tools: [{ type: 'web_search', search_context_size: 'high' }],
    });
    const calls = (res.json.output as Loose[]).filter((o) => o.type === 'web_search_call');
    expect(calls.map((c) => c.action)).toEqual([
      { type: 'search', query: 'Ferry times', queries: ['Ferry times', 'Ferry times latest'] },
      { type: 'open_page', url: expect.stringMatching(/^https:\/\/.*simulated/) },
    ]);
    expect(calls.every((c) => c.status === 'completed')).toBe(true);
  });

  it('[sim:open_page] opens the first page after the search at any context size', async () => {
    const { events } = await rawStream(t.fake, {
      model: 'gpt-6.1-sol',
      input: 'Museum hours [sim:open_page]',
      tools: [{ type: 'web_search', search_context_size: 'low' }],
    });
    const done = events
      .filter((e) => e.type === 'response.output_item.done' && e.item.type === 'web_search_call')
      .map((e) => e.item.action.type);
    expect(done).toEqual(['search', 'open_page']);
    // Each call has its own phases, and only searches are billed.
    expect(events.filter((e) => e.type === 'response.web_search_call.completed')).toHaveLength(2);
    expect(events.at(-1)!.response.tool_usage.web_search).toEqual({ num_requests: 1 });
  });

  it('[sim:search_incomplete] ends the search incomplete, with one source', async () => {
    const { events } = await rawStream(t.fake, {
      model: 'gpt-6.1-sol',
      input: 'Storm warnings [sim:search_incomplete]',
      include: ['web_search_call.action.sources'],
      tools: [{ type: 'web_search' }],
    });
    const item = events.find(
      (e) => e.type === 'response.output_item.done' && e.item.type === 'web_search_call',
    )!.item;
    expect(item.status).toBe('incomplete');
    expect(item.action.sources).toHaveLength(1);
    expect(events.some((e) => e.type === 'response.web_search_call.completed')).toBe(false);
    const completed = events.at(-1)!;
    expect(completed.type).toBe('response.completed');
    expect(completed.response.output.at(-1).content[0].text).toMatch(/cut short/);
  });

  it('validates user_location: approximate, an ISO country, an IANA time zone', async () => {
    const post = (location: unknown, type = 'web_search'): ReturnType<typeof postJson> =>
      postJson(t.fake, {
        model: 'gpt-6.1-sol',
        input: 'Bakeries near me',
        tools: [{ type, user_location: location }],
      });
    const ok = await post({
      type: 'approximate',
      country: 'FR',
      region: 'Bretagne',
      city: 'Brest',
      timezone: 'Europe/Paris',
    });
    expect(ok.status).toBe(200);
    expect(ok.json.tools[0].user_location).toEqual({
      type: 'approximate',
      country: 'FR',
      region: 'Bretagne',
      city: 'Brest',
      timezone: 'Europe/Paris',
    });
    // {type:"approximate"} alone avoids the United States default.
    const bare = await post({ type: 'approximate' });
    expect(bare.json.tools[0].user_location.country).toBeNull();
    const none = await post(undefined);
    expect(none.json.tools[0].user_location.country).toBe('US');
    for (const [location, param, code] of [
      [{ type: 'exact' }, 'tools[0].user_location.type', 'invalid_value'],
      [{ country: 'France' }, 'tools[0].user_location.country', 'invalid_value'],
      [{ country: 'fr' }, 'tools[0].user_location.country', 'invalid_value'],
      [{ timezone: 'Paris' }, 'tools[0].user_location.timezone', 'invalid_value'],
      [{ city: 7 }, 'tools[0].user_location.city', 'invalid_type'],
      [{ street: 'Rue de Siam' }, 'tools[0].user_location.street', 'unknown_parameter'],
      ['Brest', 'tools[0].user_location', 'invalid_type'],
    ] as const) {
      const res = await post(location);
      expect(res.status, JSON.stringify(location)).toBe(400);
      expect(res.json.error).toMatchObject({ type: 'invalid_request_error', param, code });
    }
    const preview = await post({ country: 'FR' }, 'web_search_preview');
    expect(preview.json.error).toMatchObject({
      param: 'tools[0].user_location.type',
      code: 'missing_required_parameter',
    });
  });

  it('accepts up to 100 allowed_domains and refuses 101', async () => {
    const domains = (n: number): string[] =>
      Array.from({ length: n }, (_, i) => `site${i}.example.org`);
    const post = (n: number): ReturnType<typeof postJson> =>
      postJson(t.fake, {
        model: 'gpt-6.1-sol',
        input: 'News',
        tools: [{ type: 'web_search', filters: { allowed_domains: domains(n) } }],
      });
    expect((await post(100)).status).toBe(200);
    const over = await post(101);
    expect(over.status).toBe(400);
    expect(over.json.error).toMatchObject({
      param: 'tools[0].filters.allowed_domains',
      code: 'array_above_max_length',
    });
    expect(over.json.error.message).toContain('maximum length 100');
  });
});
