import { defineNode } from './define';

import type { ModelFieldSpec } from './definition';
import {
  fieldsOf,
  modelField,
  numberField,
  selectField,
  stringListField,
  textField,
} from './fields';
import { MAX_ALLOWED_DOMAINS, WEB_SEARCH_MAX_TOOL_CALLS } from './limits';
import { runWebSearch } from './web-search-run';

const { fields, schema } = fieldsOf({
  query: textField({
    label: 'Query',
    multiline: true,
    exposable: true,
    placeholder: "Today's weather in New York",
    help: 'With a connected query input, this text is added as guidance after it.',
  }),
  context_size: selectField({
    label: 'Context size',
    default: 'medium',
    options: [
      { value: 'low', label: 'Low' },
      { value: 'medium', label: 'Medium' },
      { value: 'high', label: 'High' },
    ],
  }),
  allowed_domains: stringListField({
    label: 'Allowed domains',
    help: `Only search these domains (subdomains included; at most ${MAX_ALLOWED_DOMAINS}). Empty = the whole web.`,
    placeholder: 'weather.gov',
    maxItems: MAX_ALLOWED_DOMAINS,
  }),
  max_age: numberField({
    label: 'Max age (s)',
    help: 'A cached result older than this is searched again. 0 = search on every run.',
    default: 3600,
    min: 0,
    max: 31_536_000,
    step: 60,
    integer: true,
  }),
  model: modelField({
    label: 'Model',
    family: 'mainline',
    help: 'Model that runs the search. Empty = the configured default.',
    placeholder: 'default',
  }),
  // Approximate location: without one the API localises results to the United States.
  country: textField({
    label: 'Country',
    help: 'Two-letter country code (GB, DE, JP) to localise results. Empty = the server default (ATELIER_SEARCH_LOCATION), else none.',
    placeholder: 'GB',
    maxLength: 100,
  }),
  region: textField({ label: 'Region', placeholder: 'England', maxLength: 100 }),
  city: textField({ label: 'City', placeholder: 'London', maxLength: 100 }),
  timezone: textField({
    label: 'Time zone',
    help: 'IANA time zone, e.g. Europe/London.',
    placeholder: 'Europe/London',
    maxLength: 64,
  }),
});

const WEB_SEARCH_MODEL_FIELDS: readonly ModelFieldSpec[] = [{ field: 'model', family: 'mainline' }];

/** `GB` and `Europe/London`: what the tool accepts (checked before any call). */
const locationSchema = schema.superRefine((data, ctx) => {
  if (data.country && !/^[A-Za-z]{2}$/.test(data.country))
    ctx.addIssue({
      code: 'custom',
      path: ['country'],
      message: 'expected a two-letter country code such as GB',
    });
  if (data.timezone && !isTimeZone(data.timezone))
    ctx.addIssue({
      code: 'custom',
      path: ['timezone'],
      message: `"${data.timezone}" is not an IANA time zone such as Europe/London`,
    });
});

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export type WebSearchData = ReturnType<typeof locationSchema.parse>;

/** Searches the web with the `web_search` tool: a cited summary and its sources. */
export const webSearchNode = defineNode({
  type: 'web_search',
  version: 1,
  title: 'Web search',
  category: 'search',
  role: 'step',
  view: { width: 300, preview: 'search' },
  description: 'Searches the web and summarises what it found, with sources.',
  inputs: [{ name: 'query', kind: 'text', label: 'Query', optional: true }],
  outputs: [
    { name: 'text', kind: 'text', label: 'Summary' },
    { name: 'sources', kind: 'sources', label: 'Sources' },
  ],
  fields,
  data: locationSchema,
  callsApi: true,
  maxSearches: () => WEB_SEARCH_MAX_TOOL_CALLS,
  modelFields: WEB_SEARCH_MODEL_FIELDS,
  /** Search results go stale: a cached entry older than `max_age` seconds is re-run. */
  maxAgeSeconds: (data) => data.max_age,
  run: runWebSearch,
});
