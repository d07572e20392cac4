import { describe, expect, it } from 'vitest';
import type { WebSearchTool } from './responses';
import { harness } from './testing/context';
import { message, response } from './testing/responses';
import { webSearchNode } from './web-search';

const answer = response([
  {
    type: 'web_search_call',
    id: 'ws_1',
    status: 'completed',
    action: {
      type: 'search',
      sources: [
        { type: 'url', url: 'https://www.weather.gov/okx' },
        { type: 'url', url: 'https://news.example.org/today' },
      ],
    },
  },
  message('Sunny, 21 °C in New York.', [
    { type: 'url_citation', url: 'https://www.weather.gov/okx', title: 'NWS New York' },
    { type: 'url_citation', url: 'https://www.weather.gov/okx', title: 'NWS New York' },
    { type: 'url_citation', url: 'https://forecast.example.com/nyc', title: 'NYC forecast' },
    // The API tags citations with utm_source but lists the same page in action.sources without.
    {
      type: 'url_citation',
      url: 'https://news.example.org/today?utm_source=openai',
      title: 'Today in the news',
    },
  ]),
]);

const run = async (data: Record<string, unknown> = {}, inputs: Record<string, string> = {}) => {
  const h = harness(webSearchNode, {
    data: { query: 'weather in New York', ...data },
    inputs,
    replies: [{ response: answer }],
  });
  const result = await webSearchNode.run(h.ctx);
  return { ...h, result, request: h.responses.requests[0]! };
};

describe('web_search', () => {
  it('calls the web_search tool with its context size and asks for action sources', async () => {
    const { request } = await run({ context_size: 'high' });
    expect([request.model, request.tools, request.include]).toEqual([
      'gpt-6.1-sol',
      [{ type: 'web_search', search_context_size: 'high', user_location: { type: 'approximate' } }],
      ['web_search_call.action.sources'],
    ]);
  });

  it('sends allowed domains as bare domains in filters', async () => {
    const { request } = await run({ allowed_domains: ['https://Weather.gov/', 'noaa.gov', ''] });
    expect((request.tools?.[0] as WebSearchTool).filters).toEqual({
      allowed_domains: ['weather.gov', 'noaa.gov'],
    });
  });

  it('sends the query field as the user message', async () => {
    const { request } = await run();
    expect(request.input).toEqual([
      { role: 'user', content: [{ type: 'input_text', text: 'weather in New York' }] },
    ]);
  });

  it('puts a connected query first and keeps the field as guidance after it', async () => {
    const { request } = await run(
      { query: 'prefer official sources' },
      { query: 'weather in Paris' },
    );
    expect(request.input).toEqual([
      {
        role: 'user',
        content: [{ type: 'input_text', text: 'weather in Paris\n\nprefer official sources' }],
      },
    ]);
  });

  it('uses the connected query alone when the field is empty', async () => {
    const { request } = await run({ query: '' }, { query: 'weather in Paris' });
    expect(JSON.stringify(request.input)).toContain('"text":"weather in Paris"');
  });

  it('outputs the message text as its summary', async () => {
    const { result } = await run();
    expect(result.outputs.text).toBe('Sunny, 21 °C in New York.');
  });

  it('lists cited sources with titles first, then searched pages titled by hostname, once each (utm_source ignored)', async () => {
    const { result } = await run();
    expect(result.outputs.sources).toEqual([
      { url: 'https://www.weather.gov/okx', title: 'NWS New York' },
      { url: 'https://forecast.example.com/nyc', title: 'NYC forecast' },
      { url: 'https://news.example.org/today', title: 'Today in the news' },
    ]);
  });

  it('counts its web search calls in usage', async () => {
    const { result } = await run();
    expect([
      result.usage?.webSearchCalls,
      result.usage?.requests,
      result.usage?.imageCalls,
    ]).toEqual([1, 1, []]);
  });

  it('counts only billable searches: open_page and find_in_page actions are free', async () => {
    const browsing = response([
      ...answer.output,
      { type: 'web_search_call', id: 'ws_2', status: 'completed', action: { type: 'open_page' } },
      { type: 'web_search_call', id: 'ws_3', status: 'incomplete', action: { type: 'search' } },
    ]);
    const h = harness(webSearchNode, { data: { query: 'q' }, replies: [{ response: browsing }] });
    const result = await webSearchNode.run(h.ctx);
    expect([result.usage?.webSearchCalls, result.usage?.webSearchExact]).toEqual([2, undefined]);
  });

  it('takes the billable search count from tool_usage when the API reports it', async () => {
    const reported = { ...answer, tool_usage: { web_search: { num_requests: 3 } } };
    const h = harness(webSearchNode, { data: { query: 'q' }, replies: [{ response: reported }] });
    const result = await webSearchNode.run(h.ctx);
    expect([result.usage?.webSearchCalls, result.usage?.webSearchExact]).toEqual([3, true]);
  });

  it("sends the node's own location, else the server's default, never the API's United States fallback", async () => {
    const own = await run({ country: 'gb', city: 'London', timezone: 'Europe/London' });
    expect((own.request.tools?.[0] as WebSearchTool).user_location).toEqual({
      type: 'approximate',
      country: 'GB',
      city: 'London',
      timezone: 'Europe/London',
    });
    const h = harness(webSearchNode, {
      data: { query: 'q' },
      api: { store: true, searchLocation: { country: 'DE', city: 'Berlin' } },
      replies: [{ response: answer }],
    });
    await webSearchNode.run(h.ctx);
    expect((h.responses.requests[0]!.tools?.[0] as WebSearchTool).user_location).toEqual({
      type: 'approximate',
      country: 'DE',
      city: 'Berlin',
    });
  });

  it('refuses a country that is not a two-letter code and a time zone that does not exist', () => {
    const parsed = webSearchNode.data.safeParse({ country: 'France', timezone: 'Mars/Olympus' });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'))).toEqual([
      'country',
      'timezone',
    ]);
  });

  it('refuses more than 100 allowed domains', () => {
    const domains = Array.from({ length: 101 }, (_, i) => `site${i}.example`);
    expect(webSearchNode.data.safeParse({ allowed_domains: domains }).success).toBe(false);
    expect(webSearchNode.data.safeParse({ allowed_domains: domains.slice(1) }).success).toBe(true);
  });

  it('refuses to search without any query', async () => {
    const h = harness(webSearchNode, { replies: [{ response: answer }] });
    await expect(webSearchNode.run(h.ctx)).rejects.toMatchObject({ code: 'missing_input' });
    expect(h.responses.requests).toEqual([]);
  });

  it('says its cache entries expire after max_age seconds', () => {
    expect(webSearchNode.maxAgeSeconds?.(webSearchNode.data.parse({ max_age: 600 }))).toBe(600);
  });

  it('defaults max_age to one hour', () => {
    expect(webSearchNode.data.parse({}).max_age).toBe(3600);
  });

  it('accepts max_age 0, meaning search again on every run', () => {
    expect(webSearchNode.maxAgeSeconds?.(webSearchNode.data.parse({ max_age: 0 }))).toBe(0);
  });

  it('rejects a negative max_age', () => {
    expect(webSearchNode.data.safeParse({ max_age: -1 }).success).toBe(false);
  });
});
