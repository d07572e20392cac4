import type { Source } from '@atelier/graph';
import type { NodeContext, NodeResult } from './context';
import type { UserLocation } from './context';
import { resolveModel } from './models/model-issues';
import { WEB_SEARCH_MAX_TOOL_CALLS } from './limits';
import { optionalText } from './read-inputs';
import { mainlineUsage, messageText } from './response-output';
import type { ResponseObject, UrlCitation, WebSearchTool } from './responses';
import { NodeError } from './responses';
import type { WebSearchData } from './web-search';

/** `https://www.weather.gov/path` → `www.weather.gov`; the tool wants bare domains. */
export const bareDomain = (domain: string): string =>
  domain
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .toLowerCase();

const hostname = (url: string): string => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};

const isCitation = (annotation: { type: string }): annotation is UrlCitation =>
  annotation.type === 'url_citation';

/**
 * A source's identity: its URL without the `utm_source` parameter that the API appends to
 * citations (`…?utm_source=openai`) but not to `action.sources`, so one page is listed once,
 * under the address the page really has.
 */
const withoutUtmSource = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (!parsed.searchParams.has('utm_source')) return url;
    parsed.searchParams.delete('utm_source');
    return parsed.toString();
  } catch {
    return url;
  }
};

/**
 * Sources of a response, deduplicated by URL: first the cited ones (with their titles) in
 * the order the text cites them, then the other pages the search consulted (titled by
 * hostname, since `action.sources` carries no titles).
 */
export const sourcesOf = (response: ResponseObject): Source[] => {
  const byUrl = new Map<string, Source>();
  const add = (rawUrl: string, title: string | undefined) => {
    const url = withoutUtmSource(rawUrl);
    if (!byUrl.has(url)) byUrl.set(url, { url, title: title || hostname(url) });
  };
  for (const item of response.output)
    if (item.type === 'message')
      for (const part of item.content)
        if (part.type === 'output_text')
          for (const annotation of part.annotations.filter(isCitation))
            add(annotation.url, annotation.title);
  for (const item of response.output)
    if (item.type === 'web_search_call')
      for (const source of item.action?.sources ?? []) add(source.url, undefined);
  return [...byUrl.values()];
};

/**
 * The query: the field alone, the input alone, or — with both — the input followed by the
 * field as guidance ("prefer official sources…").
 */
export const searchQuery = (field: string, input: string | undefined): string =>
  [input?.trim(), field.trim()].filter(Boolean).join('\n\n');

/**
 * The node's location, else the server's default, as the tool takes it. With neither, a bare
 * `{type: "approximate"}`: omitting the field would localise every search to the United States.
 */
export const userLocation = (
  data: UserLocation,
  fallback: UserLocation | undefined,
): NonNullable<WebSearchTool['user_location']> => {
  const own = Boolean(data.country || data.region || data.city || data.timezone);
  const chosen = own ? data : (fallback ?? {});
  const location: NonNullable<WebSearchTool['user_location']> = { type: 'approximate' };
  if (chosen.country) location.country = chosen.country.toUpperCase();
  for (const key of ['region', 'city', 'timezone'] as const)
    if (chosen[key]?.trim()) location[key] = chosen[key].trim();
  return location;
};

export const runWebSearch = async (ctx: NodeContext<WebSearchData>): Promise<NodeResult> => {
  const { data } = ctx;
  const query = searchQuery(data.query, optionalText(ctx.inputs, 'query'));
  if (!query)
    throw new NodeError(
      'missing_input',
      `Web search ${ctx.nodeId} has no query: type one or connect a text input.`,
    );
  const domains = [...new Set(data.allowed_domains.map(bareDomain).filter(Boolean))];
  const tool: WebSearchTool = {
    type: 'web_search',
    search_context_size: data.context_size,
    ...(domains.length > 0 ? { filters: { allowed_domains: domains } } : {}),
    user_location: userLocation(data, ctx.api?.searchLocation),
  };
  const model = resolveModel(data.model, ctx.models.model);
  const response = await ctx.responses.create(
    {
      ...(ctx.api?.store === false ? { store: false } : {}),
      model,
      instructions:
        'Search the web and answer with a concise, factual summary of what you found. Cite your sources.',
      input: [{ role: 'user', content: [{ type: 'input_text', text: query }] }],
      tools: [tool],
      tool_choice: 'auto',
      // Bounds what one search costs (each call reads pages billed as input), so a budget
      // can reserve it; the recorded streams show 9 calls for a broad question.
      max_tool_calls: WEB_SEARCH_MAX_TOOL_CALLS,
      include: ['web_search_call.action.sources'],
    },
    { signal: ctx.signal, log: (message) => ctx.log(message) },
  );
  const { text, refusal } = messageText(response);
  if (!text.trim())
    throw new NodeError(
      refusal ? 'refused' : 'no_text',
      refusal
        ? `The search was refused: "${refusal.trim()}". Rephrase the query.`
        : 'The search completed without a summary. Run again or rephrase the query.',
    );
  return {
    outputs: { text, sources: sourcesOf(response) },
    usage: { ...mainlineUsage(response), imageCalls: [], requests: 1 },
  };
};
