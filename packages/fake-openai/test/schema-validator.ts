/**
 * Validates what the fake sends against OpenAI's published schemas (extracted into
 * fixtures/openai-schemas.json by scripts/extract-schemas.ts), relaxed only where recorded
 * real traffic departs from the schema — real traffic wins (DESIGN.md §6).
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

export interface Validators {
  /** null when valid, else a readable description naming the schema and the failing paths. */
  event(event: unknown): string | null;
  response(response: unknown): string | null;
}

/** `relaxed: false` applies none of the relaxations; `without` leaves out the one named. */
export function createValidators(
  options: { relaxed?: boolean; without?: string } = {},
): Validators {
  const schemas = structuredClone(fixture.schemas);
  if (options.relaxed ?? true)
    for (const r of RELAXATIONS) if (r.schema !== options.without) r.apply(schemas);
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
