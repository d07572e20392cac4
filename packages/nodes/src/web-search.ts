import { defineNode } from './define';
import { fieldsOf, numberField, selectField, stringListField, textField } from './fields';
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
    help: 'Only search these domains (subdomains included). Empty = the whole web.',
    placeholder: 'weather.gov',
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
  model: textField({
    label: 'Model',
    help: 'Model that runs the search. Empty = the configured default.',
    placeholder: 'default',
    maxLength: 200,
  }),
});

export type WebSearchData = ReturnType<typeof schema.parse>;

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
  data: schema,
  callsApi: true,
  /** Search results go stale: a cached entry older than `max_age` seconds is re-run. */
  maxAgeSeconds: (data) => data.max_age,
  run: runWebSearch,
});
