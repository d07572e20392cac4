/**
 * Validates what the fake sends against OpenAI's published schemas (extracted into
 * fixtures/openai-schemas.json by scripts/extract-schemas.ts), relaxed only where recorded
 * real traffic departs from the schema — real traffic wins (DESIGN.md §6) — and extended only
 * by fields newer than the OpenAPI file (NEWER_FIELDS, each from the openai SDK 7.x types).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Schema = Record<string, unknown>;
type Schemas = Record<string, Schema>;

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/openai-schemas.json', import.meta.url), 'utf8'),
) as { schemas: Schemas };

const nullable = (schema: unknown): Schema => ({ anyOf: [schema, { type: 'null' }] });
const props = (s: Schemas, name: string): Schema => {
  const p = s[name]?.properties as Schema | undefined;
  if (!p) throw new Error(`schema ${name} has no properties`);
  return p;
};
/** Drops `field` from the schema's `required` list. */
const optional = (s: Schemas, name: string, field: string): void => {
  const schema = s[name];
  if (!schema || !Array.isArray(schema.required)) throw new Error(`schema ${name} has no required`);
  schema.required = schema.required.filter((f: unknown) => f !== field);
};
/** Response.properties lives in an allOf member of Response. */
const responseProps = (s: Schemas): Schema =>
  (s.Response?.allOf as Schema[])
    .map((m) => m.properties as Schema | undefined)
    .find((p) => p?.usage)!;

/**
 * The relaxations, each forced by a recorded real stream (test/fixtures/*.chunks.txt, captured from
 * the real API). Nothing else is relaxed; the fake must satisfy the schema everywhere else.
 */
export const RELAXATIONS: readonly { schema: string; why: string; apply: (s: Schemas) => void }[] =
  [
    {
      schema: 'ModelResponseProperties.user',
      why: 'real responses send "user": null; the schema says string',
      apply: (s) => {
        props(s, 'ModelResponseProperties').user = nullable({ type: 'string' });
      },
    },
    {
      schema: 'Response.usage',
      why: 'real response.created / in_progress / failed send "usage": null; the schema says object',
      apply: (s) => {
        const p = responseProps(s);
        p.usage = nullable(p.usage);
      },
    },
    {
      schema: 'ResponseUsage.input_tokens_details.cache_write_tokens',
      why: 'real usage has only cached_tokens; the schema requires cache_write_tokens too',
      apply: (s) => {
        const details = props(s, 'ResponseUsage').input_tokens_details as Schema;
        details.required = ['cached_tokens'];
      },
    },
    {
      schema: 'ResponseErrorCode',
      why: 'real response.failed carries code "insufficient_quota", missing from the enum',
      apply: (s) => {
        (s.ResponseErrorCode!.enum as string[]).push('insufficient_quota');
      },
    },
    {
      schema: 'ResponseErrorEvent',
      why: 'the real `error` event nests {type, code, message, param} under `error`; the schema is flat',
      apply: (s) => {
        const flat = s.ResponseErrorEvent!;
        const nested: Schema = {
          type: 'object',
          properties: {
            type: { type: 'string', enum: ['error'] },
            sequence_number: { type: 'integer' },
            error: {
              type: 'object',
              properties: {
                type: { type: 'string' },
                code: nullable({ type: 'string' }),
                message: { type: 'string' },
                param: nullable({ type: 'string' }),
              },
              required: ['type', 'code', 'message', 'param'],
            },
          },
          required: ['type', 'sequence_number', 'error'],
        };
        s.ResponseErrorEvent = { anyOf: [flat, nested] };
        // keep the type discoverable for the per-type lookup below
        s.ResponseErrorEvent.properties = { type: { enum: ['error'] } };
      },
    },
    {
      schema: 'ImageGenToolCall.result',
      why: 'the real output_item.added form of image_generation_call carries only id, type, status',
      apply: (s) => optional(s, 'ImageGenToolCall', 'result'),
    },
    {
      schema: 'WebSearchToolCall.action',
      why: 'the real output_item.added form of web_search_call has no action',
      apply: (s) => optional(s, 'WebSearchToolCall', 'action'),
    },
  ];

const int = { type: 'integer', minimum: 0 };
const obj = (properties: Schema, required = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

/**
 * Fields the API sends that are newer than the OpenAPI file (commit f85dbe2, 2026-08-21), shaped
 * as openai-node 7.59's types describe them (shared/reference/openai-api-2026-12.md §1d, §3).
 * Each one is checked, not just allowed: the extension is as strict as the SDK's type.
 */
export const NEWER_FIELDS: readonly { schema: string; why: string; apply: (s: Schemas) => void }[] =
  [
    {
      schema: 'KeepaliveEvent',
      why: '`{type:"keepalive", sequence_number}` on long streams (SDK 7.x ResponseKeepAliveEvent; 6.49 accumulates it too)',
      apply: (s) => {
        s.KeepaliveEvent = obj({
          type: { type: 'string', enum: ['keepalive'] },
          sequence_number: int,
        });
        (s.ResponseStreamEvent!.anyOf as Schema[]).push({
          $ref: '#/components/schemas/KeepaliveEvent',
        });
      },
    },
    {
      schema: 'Response.tool_usage',
      why: 'image_gen tokens by kind and billable web searches (SDK 7.46 Response.tool_usage)',
      apply: (s) => {
        const tokens = obj({ image_tokens: int, text_tokens: int });
        responseProps(s).tool_usage = nullable(
          obj({
            image_gen: obj(
              {
                input_tokens: int,
                input_tokens_details: tokens,
                output_tokens: int,
                output_tokens_details: tokens,
                cached_tokens: int,
                cached_tokens_details: { type: 'object' },
              },
              ['input_tokens', 'input_tokens_details', 'output_tokens'],
            ),
            web_search: obj({ num_requests: int }),
          }),
        );
      },
    },
    {
      schema: 'WebSearchToolCall.status',
      why: 'web_search_call status "incomplete" (SDK 7.11)',
      apply: (s) => {
        const status = props(s, 'WebSearchToolCall').status as { enum: string[] };
        status.enum.push('incomplete');
      },
    },
    {
      schema: 'ImageGenTool.quality+complexity',
      why: 'quality "xhigh"/"max" (2.5 and 2.6) and complexity low/medium/high (2.6), SDK 7.x Tool.ImageGeneration',
      apply: (s) => {
        const p = props(s, 'ImageGenTool');
        (p.quality as { enum: string[] }).enum.push('xhigh', 'max');
        p.complexity = { type: 'string', enum: ['low', 'medium', 'high'] };
      },
    },
  ];

export interface Validators {
  /** null when valid, else a readable description naming the schema and the failing paths. */
  event(event: unknown): string | null;
  response(response: unknown): string | null;
}

/**
 * `relaxed: false` applies none of the relaxations, `newer: false` none of the newer fields;
 * `without` leaves out the one named (of either list).
 */
export function createValidators(
  options: { relaxed?: boolean; newer?: boolean; without?: string } = {},
): Validators {
  const schemas = structuredClone(fixture.schemas);
  if (options.relaxed ?? true)
    for (const r of RELAXATIONS) if (r.schema !== options.without) r.apply(schemas);
  if (options.newer ?? true)
    for (const n of NEWER_FIELDS) if (n.schema !== options.without) n.apply(schemas);
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addFormat('unixtime', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addSchema({ $id: 'openai', components: { schemas } });
  const compile = (name: string): ValidateFunction =>
    ajv.compile({ $ref: `openai#/components/schemas/${name}` });
  // The union's errors are an unreadable pile; pick the member schema by `type`, then also
  // check the union itself so nothing slips through a member that is not in it.
  const byType = new Map<string, ValidateFunction>();
  for (const member of (schemas.ResponseStreamEvent?.anyOf ?? []) as { $ref?: string }[]) {
    const name = member.$ref?.split('/').pop();
    const types = (schemas[name ?? '']?.properties as Schema | undefined)?.type as
      { enum?: string[] } | undefined;
    for (const t of types?.enum ?? []) if (name) byType.set(t, compile(name));
  }
  const union = compile('ResponseStreamEvent');
  const response = compile('Response');
  const check = (fn: ValidateFunction, value: unknown, label: string): string | null =>
    fn(value) ? null : `${label}:\n${describeErrors(fn.errors)}`;
  return {
    event(event) {
      const type = (event as { type?: unknown } | null)?.type;
      const member = typeof type === 'string' ? byType.get(type) : undefined;
      if (!member) return `no schema for event type ${String(type)}`;
      return (
        check(member, event, `event ${String(type)}`) ?? check(union, event, 'ResponseStreamEvent')
      );
    },
    response: (value) => check(response, value, 'Response'),
  };
}

export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 8)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');
}
