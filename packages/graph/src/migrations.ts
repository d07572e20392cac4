import type { Issue } from './document';
import { WORKFLOW_VERSION } from './document';

type Json = Record<string, unknown>;

/**
 * A step from version `from` to `from + 1`. Steps run in order on the raw JSON before the
 * zod schema of the current version parses it; a step reports what it cannot convert.
 */
export interface Migration {
  from: number;
  description: string;
  migrate(document: Json, issues: Issue[]): Json;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Version 0 (hypothetical — never published; it documents how a format change is
 * migrated): edges were `{ id?, from: "node.port", to: "node.port" }`. The port is the
 * text after the LAST dot, since node ids may contain dots and port names never do.
 */
const edgesFromDottedStrings: Migration = {
  from: 0,
  description: 'edges `from`/`to` "node.port" strings → source/sourceHandle/target/targetHandle',
  migrate(document, issues) {
    if (!Array.isArray(document.edges)) return document;
    const taken = new Set<string>();
    for (const edge of document.edges)
      if (isObject(edge) && typeof edge.id === 'string') taken.add(edge.id);
    let counter = 0;
    const freshId = (): string => {
      while (taken.has(`e${++counter}`));
      taken.add(`e${counter}`);
      return `e${counter}`;
    };
    const split = (value: unknown, path: string): [string, string] | undefined => {
      const at = typeof value === 'string' ? value.lastIndexOf('.') : -1;
      if (typeof value !== 'string' || at <= 0 || at === value.length - 1) {
        issues.push({
          path,
          code: 'invalid_field',
          message: `${path}: expected "node.port" (version 0 edge), got ${JSON.stringify(value)}`,
        });
        return undefined;
      }
      return [value.slice(0, at), value.slice(at + 1)];
    };
    const edges = document.edges.map((edge: unknown, i) => {
      if (!isObject(edge) || !('from' in edge || 'to' in edge)) return edge;
      const { from, to, ...rest } = edge;
      const source = split(from, `edges[${i}].from`);
      const target = split(to, `edges[${i}].to`);
      if (!source || !target) return edge;
      return {
        ...rest,
        id: typeof rest.id === 'string' ? rest.id : freshId(),
        source: source[0],
        sourceHandle: source[1],
        target: target[0],
        targetHandle: target[1],
      };
    });
    return { ...document, edges };
  },
};

/** Every migration, in order: `MIGRATIONS[i].from === i`. */
export const MIGRATIONS: readonly Migration[] = [edgesFromDottedStrings];

/** Applies the steps from `version` up to WORKFLOW_VERSION. */
export const migrate = (
  document: Json,
  version: number,
  issues: Issue[],
  migrations: readonly Migration[] = MIGRATIONS,
): Json => {
  let current = document;
  for (let v = version; v < WORKFLOW_VERSION; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) {
      issues.push({
        path: 'version',
        code: 'unsupported_version',
        message: `version: no migration from version ${v}`,
      });
      return current;
    }
    current = { ...step.migrate(current, issues), version: v + 1 };
  }
  return current;
};
