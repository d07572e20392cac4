/**
 * Extracts the component schemas that the contract tests need (Response, ResponseStreamEvent and
 * everything they reference) from OpenAI's OpenAPI description into a committed JSON fixture, so
 * the tests do not depend on the 3 MB YAML being present beside the clone.
 *
 *   npx tsx packages/fake-openai/scripts/extract-schemas.ts [path/to/openai-openapi.yaml]
 *
 * Default input: <repo>/../shared/reference/openai-openapi.yaml.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const input = resolve(
  process.argv[2] ?? resolve(here, '../../../../shared/reference/openai-openapi.yaml'),
);
const output = resolve(here, '../test/fixtures/openai-schemas.json');
const roots = ['Response', 'ResponseStreamEvent', 'CreateResponse'];

type Json = unknown;
const doc = parse(readFileSync(input, 'utf8')) as { components: { schemas: Record<string, Json> } };
const all = doc.components.schemas;
const picked: Record<string, Json> = {};

function visit(name: string): void {
  if (name in picked) return;
  const schema = all[name];
  if (schema === undefined)
    throw new Error(`schema ${name} is referenced but not defined in ${input}`);
  picked[name] = schema;
  walk(schema);
}

function walk(value: Json): void {
  if (Array.isArray(value)) {
    value.forEach(walk);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') {
        const match = /^#\/components\/schemas\/(.+)$/.exec(child);
        if (!match?.[1]) throw new Error(`unsupported $ref ${child}`);
        visit(match[1]);
      } else if (!key.startsWith('x-') && key !== 'example' && key !== 'examples') {
        walk(child);
      }
    }
  }
}

roots.forEach(visit);
const sorted = Object.fromEntries(Object.entries(picked).sort(([a], [b]) => a.localeCompare(b)));
const json = JSON.stringify({
  source: 'openai/openai-openapi openapi.yaml (commit f85dbe2)',
  roots,
  schemas: stripDocs(sorted, true),
});
// Formatted like the rest of the repository so `prettier --check .` stays clean.
writeFileSync(output, await format(json, { parser: 'json', printWidth: 100 }));
console.log(`wrote ${Object.keys(sorted).length} schemas to ${output}`);

/**
 * Descriptions, examples and vendor extensions are dead weight for validation. Keys of a
 * `properties` map (or of the top-level name map) are property names, not keywords, so they stay.
 */
function stripDocs(value: Json, isNameMap = false): Json {
  if (Array.isArray(value)) return value.map((v) => stripDocs(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) {
    const annotation =
      key === 'description' || key === 'example' || key === 'examples' || key.startsWith('x-');
    if (annotation && !isNameMap) continue;
    out[key] = stripDocs(child, !isNameMap && (key === 'properties' || key === '$defs'));
  }
  return out;
}
