import type { FieldSpec } from '@atelier/graph';
import { imageValueSchema, maskValueSchema } from '@atelier/graph';
import { z } from 'zod';

/**
 * Field builders: each returns the editor description (FieldSpec, without its name) and
 * the zod schema of its value, so the two cannot drift apart. `fieldsOf` names them
 * after their keys and builds the node's `data` schema.
 */
type Spec = DistributiveOmit<FieldSpec, 'name'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export interface Field<S extends z.ZodType> {
  spec: Spec;
  schema: S;
}
type Common = { label: string; help?: string; exposable?: boolean };

export const textField = (
  opts: Common & {
    default?: string;
    multiline?: boolean;
    placeholder?: string;
    maxLength?: number;
  },
) => {
  const def = opts.default ?? '';
  const { maxLength, ...spec } = opts;
  return {
    spec: { kind: 'text', ...spec, default: def },
    schema: z
      .string()
      .max(maxLength ?? 32000)
      .default(def),
  } satisfies Field<z.ZodType>;
};

/** A model name of one family ('' = the configured default); checked against the catalogue before a run. */
export const modelField = (opts: Common & { family: 'image' | 'mainline'; placeholder?: string }) =>
  ({
    spec: { kind: 'model', ...opts, default: '' },
    schema: z.string().max(200).default(''),
  }) satisfies Field<z.ZodType>;

export const selectField = <const V extends readonly [string, ...string[]]>(
  opts: Common & {
    options: { [I in keyof V]: { value: V[I]; label: string } };
    default: V[number];
  },
) => {
  const values = opts.options.map((o) => o.value) as unknown as V;
  return {
    spec: { kind: 'select', ...opts, options: [...opts.options] },
    schema: z
      .enum(values, { error: `expected one of ${values.map((v) => `"${v}"`).join(', ')}` })
      .default(opts.default as never),
  } satisfies Field<z.ZodType>;
};

export const numberField = (
  opts: Common & { default: number; min: number; max: number; step?: number; integer?: boolean },
) => {
  let schema = z
    .number({ error: `expected a number from ${opts.min} to ${opts.max}` })
    .min(opts.min, `expected a number ≥ ${opts.min}`)
    .max(opts.max, `expected a number ≤ ${opts.max}`);
  if (opts.integer) schema = schema.int('expected a whole number');
  return {
    spec: { kind: 'number', ...opts },
    schema: schema.default(opts.default),
  } satisfies Field<z.ZodType>;
};

export const booleanField = (opts: Common & { default: boolean }) =>
  ({
    spec: { kind: 'boolean', ...opts },
    schema: z.boolean({ error: 'expected true or false' }).default(opts.default),
  }) satisfies Field<z.ZodType>;

export const stringListField = (
  opts: Common & { default?: string[]; placeholder?: string; maxItems?: number },
) => {
  const def = opts.default ?? [];
  const { maxItems, ...spec } = opts;
  return {
    spec: { kind: 'string-list', ...spec, default: def },
    schema: z
      .array(z.string(), { error: 'expected a list of strings' })
      .max(maxItems ?? 10_000, `expected at most ${maxItems ?? 10_000} entries`)
      .default(() => [...def]),
  } satisfies Field<z.ZodType>;
};

/** `required`: the node cannot run while the field is empty (checked before any call). */
export const imageField = (opts: Common & { required?: boolean }) =>
  ({
    spec: { kind: 'image', ...opts, default: null },
    schema: imageValueSchema.nullable().default(null),
  }) satisfies Field<z.ZodType>;

export const maskField = (opts: Common & { required?: boolean }) =>
  ({
    spec: { kind: 'mask', ...opts, default: null },
    schema: maskValueSchema.nullable().default(null),
  }) satisfies Field<z.ZodType>;

/** Names each field after its key; returns the FieldSpec list and the `data` object schema. */
export const fieldsOf = <T extends Record<string, Field<z.ZodType>>>(defs: T) => {
  const fields = Object.entries(defs).map(([name, def]) => ({ ...def.spec, name }) as FieldSpec);
  const shape = Object.fromEntries(Object.entries(defs).map(([k, d]) => [k, d.schema])) as {
    [K in keyof T]: T[K]['schema'];
  };
  return { fields, schema: z.object(shape) };
};
