import { invalidType, invalidValue } from './errors';
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

export interface SearchResult {
  query: string;
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
      allowedDomains = domains
        .map((d: string) => d.replace(/^https?:\/\//, '').replace(/\/.*$/, ''))
        .filter(Boolean);
    }
  }
  const location = raw.user_location;
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
export function simulateSearch(prompt: string, tool: WebSearchTool): SearchResult {
  const query = (prompt.replace(/\s+/g, ' ').trim() || 'simulated search').slice(0, 120);
  const topic = query.length > 60 ? `${query.slice(0, 57).trimEnd()}...` : query;
  const hash = digest(`web_search\n${query}\n${tool.allowedDomains.join(',')}`);
  const random = rngFromDigest(hash);
  const count = { low: 2, medium: 3, high: 4 }[tool.contextSize];
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
  text += '\nThese sources are generated by the Atelier simulator and do not exist.';
  return { query, sources, text, annotations, headline };
}
