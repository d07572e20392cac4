import type { z } from 'zod';
import type { Issue } from './document';

/** Issue codes this package produces (stable: clients match on them). */
export const ISSUE_CODES = [
  'invalid_document',
  'invalid_format',
  'unsupported_version',
  'missing_field',
  'invalid_field',
  'unknown_node_type',
  'duplicate_id',
  'dangling_edge',
  'duplicate_edge',
  'unknown_port',
  'port_kind_mismatch',
  'too_many_edges',
  'missing_input',
  'cycle',
  'too_many_images',
  'unknown_input',
  'duplicate_input',
  'input_not_exposable',
  'input_kind_mismatch',
  'unknown_output',
  'duplicate_output',
  'too_many_nodes',
  'too_many_edges',
  'too_deep',
  'too_many_annotations',
  'unknown_recipe',
  'invalid_recipe',
  'recipe_cycle',
  'recipe_too_deep',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** The result of parse, validate and applyInputs: a value, or every problem found. */
export type Result<K extends string, T> =
  ({ ok: true } & { [P in K]: T }) | { ok: false; issues: Issue[] };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['nodes', 2, 'data', 'size']` → `nodes[2].data.size`. */
export const formatPath = (segments: readonly PropertyKey[]): string =>
  segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    const key = String(segment);
    if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
    return path ? `${path}.${key}` : key;
  }, '');

/** Joins a prefix path and a relative one: `nodes[1].data` + `size`. */
export const joinPath = (prefix: string, rest: readonly PropertyKey[]): string => {
  const tail = formatPath(rest);
  if (!prefix) return tail;
  if (!tail) return prefix;
  return tail.startsWith('[') ? `${prefix}${tail}` : `${prefix}.${tail}`;
};

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;

/**
 * Per-parse zod error map: says what was expected and what came instead. Schema-level
 * messages (set where a field is declared) take precedence over this one.
 */
export const errorMap: z.core.$ZodErrorMap = (issue) => {
  const expected =
    issue.code === 'invalid_type'
      ? issue.expected
      : issue.code === 'invalid_value'
        ? issue.values.map((v) => JSON.stringify(v)).join(' or ')
        : undefined;
  if (expected === undefined) return undefined;
  return issue.input === undefined
    ? `required: expected ${expected}`
    : `expected ${expected}, got ${describe(issue.input)}`;
};

/** zod issues → Issues with full paths; a missing value is `missing_field`. */
export const fromZodIssues = (
  issues: readonly z.core.$ZodIssue[],
  prefix = '',
  code: IssueCode = 'invalid_field',
): Issue[] =>
  issues.map((issue) => {
    const missing = issue.message.startsWith('required: ');
    const path = joinPath(prefix, issue.path);
    return {
      path,
      code: missing ? 'missing_field' : code,
      message: `${path || 'document'}: ${issue.message}`,
    };
  });
