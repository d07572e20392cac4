import { invalidRequest, invalidType, invalidValue } from './errors';
import { digest, rngFromDigest } from './prng';

export interface WebSearchTool {
  index: number;
  allowedDomains: string[];
  contextSize: 'low' | 'medium' | 'high';
  echo: Record<string, unknown>;
}

export interface UrlCitation {
  type: 'url_citation';
  url: string;
  title: string;
  start_index: number;
  end_index: number;
}

/** One web_search_call's action, as the real API reports it. */
export type SearchAction =
  { type: 'search'; query: string; queries: string[] } | { type: 'open_page'; url: string };

export interface SearchResult {
  query: string;
  /** The web_search_call items to emit, in order: searches are billable, open_page is not. */
  actions: SearchAction[];
  /** The search was cut short: its item ends `incomplete`, with fewer sources. */
  incomplete: boolean;
  sources: { url: string; title: string }[];
  /** The cited summary the message carries. */
  text: string;
  annotations: UrlCitation[];
  /** One short line for an image caption. */
  headline: string;
}

export const WEB_SEARCH_TYPES = [
  'web_search',
  'web_search_2025_08_26',
  'web_search_preview',
  'web_search_preview_2025_03_11',
];
const SIZES = ['low', 'medium', 'high'] as const;
/** Third-party docs cite an allow-list of up to 100 domains (openai-api-2026-12.md §1c). */
export const MAX_ALLOWED_DOMAINS = 100;
const LOCATION_KEYS = ['type', 'city', 'country', 'region', 'timezone'];

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** `user_location`: `{type:"approximate", city?, country? (ISO-2), region?, timezone? (IANA)}`. */
function checkLocation(location: unknown, param: string, typeRequired: boolean): void {
  if (location === undefined || location === null) return;
  if (typeof location !== 'object' || Array.isArray(location))
    throw invalidType(param, 'an object', location);
  const l = location as Record<string, unknown>;
  for (const key of Object.keys(l))
    if (!LOCATION_KEYS.includes(key))
      throw invalidRequest(
        `Unknown parameter: '${param}.${key}'. user_location takes type, city, country, region and timezone.`,
        `${param}.${key}`,
        'unknown_parameter',
      );
  if (l.type === undefined && typeRequired)
    throw invalidRequest(
      `Missing required parameter: '${param}.type'.`,
      `${param}.type`,
      'missing_required_parameter',
    );
  if (l.type !== undefined && l.type !== 'approximate')
    throw invalidValue(`${param}.type`, l.type, ['approximate']);
  for (const key of ['city', 'country', 'region', 'timezone']) {
    const v = l[key];
    if (v !== undefined && v !== null && typeof v !== 'string')
      throw invalidType(`${param}.${key}`, 'a string', v);
  }
  if (typeof l.country === 'string' && !/^[A-Z]{2}$/.test(l.country))
    throw invalidRequest(
      `Invalid value for '${param}.country': ${JSON.stringify(l.country)}. Expected a two-letter ISO 3166-1 country code such as 'FR'.`,
      `${param}.country`,
      'invalid_value',
    );
  if (typeof l.timezone === 'string' && !isTimeZone(l.timezone))
    throw invalidRequest(
      `Invalid value for '${param}.timezone': ${JSON.stringify(l.timezone)}. Expected an IANA time zone such as 'Europe/Paris'.`,
      `${param}.timezone`,
      'invalid_value',
    );
}
/**
 * Clearly simulated domains (reserved example.* names) used when no allowed_domains are given,
 * one per entry of TEMPLATES so an encyclopedia entry is cited from the encyclopedia.
 */
export const SIMULATED_DOMAINS = [
  'encyclopedia.simulated.example.org',
  'news.simulated.example.com',
  'guides.simulated.example.net',
  'facts.simulated.example.com',
];

export function resolveWebSearchTool(raw: Record<string, unknown>, index: number): WebSearchTool {
  const p = (key: string): string => `tools[${index}].${key}`;
  const size = raw.search_context_size ?? 'medium';
  if (typeof size !== 'string' || !(SIZES as readonly string[]).includes(size))
    throw invalidValue(p('search_context_size'), size, SIZES);
  let allowedDomains: string[] = [];
  const filters = raw.filters;
  if (filters !== undefined && filters !== null) {
    if (typeof filters !== 'object' || Array.isArray(filters))
      throw invalidType(p('filters'), 'an object', filters);
    const domains = (filters as Record<string, unknown>).allowed_domains;
    if (domains !== undefined && domains !== null) {
      if (!Array.isArray(domains) || !domains.every((d) => typeof d === 'string')) {
        throw invalidType(p('filters.allowed_domains'), 'an array of strings', domains);
      }
      if (domains.length > MAX_ALLOWED_DOMAINS)
        throw invalidRequest(
          `Invalid '${p('filters.allowed_domains')}': array too long. Expected an array with maximum length ${MAX_ALLOWED_DOMAINS}, but got an array with length ${domains.length} instead.`,
          p('filters.allowed_domains'),
          'array_above_max_length',
        );
      allowedDomains = domains
        .map((d: string) => d.replace(/^https?:\/\//, '').replace(/\/.*$/, ''))
        .filter(Boolean);
    }
  }
  const location = raw.user_location;
  checkLocation(location, p('user_location'), String(raw.type).startsWith('web_search_preview'));
  const echo: Record<string, unknown> = {
    ...raw,
    search_context_size: size,
    user_location:
      typeof location === 'object' && location !== null
        ? {
            type: 'approximate',
            city: null,
            country: null,
            region: null,
            timezone: null,
            ...location,
          }
        : { type: 'approximate', city: null, country: 'US', region: null, timezone: null },
  };
  if (raw.type === 'web_search' || raw.type === 'web_search_2025_08_26')
    echo.filters = filters ?? null;
  return { index, allowedDomains, contextSize: size as WebSearchTool['contextSize'], echo };
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48) || 'query';

const TEMPLATES: ((topic: string, r: () => number) => [title: string, fact: string])[] = [
  (t) => [
    `${t}: an overview (simulated)`,
    `A simulated encyclopedia entry summarises ${t} and its background`,
  ],
  (t, r) => [
    `Latest on ${t} (simulated news)`,
    `A simulated news brief reports ${['steady interest', 'new developments', 'a busy week', 'mixed reactions'][Math.floor(r() * 4)]} around ${t}`,
  ],
  (t, r) => [
    `Visual guide to ${t} (simulated)`,
    `A simulated style guide pairs ${t} with ${['warm', 'cool', 'muted', 'vivid'][Math.floor(r() * 4)]} colours and ${['bold', 'soft', 'geometric', 'organic'][Math.floor(r() * 4)]} shapes`,
  ],
  (t) => [
    `${t}: facts and figures (simulated)`,
    `A simulated fact sheet lists three numbers about ${t} that are not real`,
  ],
];

/**
 * A deterministic, clearly simulated search: the same query and filters give the same sources
 * and text. Citations cover the "([domain](url))" that follows each fact, as in real answers.
 */
export function simulateSearch(
  prompt: string,
  tool: WebSearchTool,
  options: { incomplete?: boolean; openPage?: boolean } = {},
): SearchResult {
  const query = (prompt.replace(/\s+/g, ' ').trim() || 'simulated search').slice(0, 120);
  const topic = query.length > 60 ? `${query.slice(0, 57).trimEnd()}...` : query;
  const hash = digest(`web_search\n${query}\n${tool.allowedDomains.join(',')}`);
  const random = rngFromDigest(hash);
  const incomplete = options.incomplete === true;
  const count = incomplete ? 1 : { low: 2, medium: 3, high: 4 }[tool.contextSize];
  const domains = tool.allowedDomains.length > 0 ? tool.allowedDomains : SIMULATED_DOMAINS;
  const sources: SearchResult['sources'] = [];
  const annotations: UrlCitation[] = [];
  let text = `Simulated web search (no live web access) for "${topic}":\n`;
  let headline = '';
  for (let i = 0; i < count; i += 1) {
    const domain = domains[i % domains.length]!;
    const [title, fact] = TEMPLATES[i % TEMPLATES.length]!(topic, random);
    const url = `https://${domain}/simulated/${slug(query)}-${hash.toString('hex', i * 3, i * 3 + 3)}`;
    sources.push({ url, title });
    if (i === 0) headline = fact;
    text += `- ${fact}. `;
    const citation = `([${domain}](${url}?utm_source=openai))`;
    annotations.push({
      type: 'url_citation',
      url: `${url}?utm_source=openai`,
      title,
      start_index: text.length,
      end_index: text.length + citation.length,
    });
    text += `${citation}\n`;
  }
  if (incomplete) text += '\nThe search was cut short, so this answer rests on one source.';
  text += '\nThese sources are generated by the Atelier simulator and do not exist.';
  // A deeper search (context high) runs a second query and opens the first page it found.
  const deep = tool.contextSize === 'high';
  const actions: SearchAction[] = [
    { type: 'search', query, queries: deep ? [query, `${query} latest`] : [query] },
  ];
  if (!incomplete && (deep || options.openPage))
    actions.push({ type: 'open_page', url: sources[0]!.url });
  return { query, actions, incomplete, sources, text, annotations, headline };
}
