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
      'gpt-5',
      [{ type: 'web_search', search_context_size: 'high' }],
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
