import type { Issue } from './document';
import { formatPath } from './issues';

/**
 * Limits of a workflow document, far beyond anything a person builds (the editor is made for
 * hundreds of nodes) and low enough that checking a document stays a matter of milliseconds:
 * a 60,000-node document held the server for 11 s.
 */
export const MAX_NODES = 2_000;
export const MAX_EDGES = 10_000;
/** Sticky notes, and groups, each (view-only annotations: DESIGN-style §3 addition). */
export const MAX_ANNOTATIONS = 1_000;
/**
 * Deepest nesting of objects and arrays, counted from the document itself (a node's `data` is
 * at depth 3). 5,000 levels overflowed the stack where the document was written to SQLite.
 */
export const MAX_JSON_DEPTH = 64;

/** A UTF-16 surrogate without its other half: not text, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

const wellFormed = (text: string): string =>
  LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '\uFFFD') : text;

/**
 * Checks nesting depth (stopping at the limit, so a hostile document cannot overflow the
 * stack here either) and repairs lone surrogates in strings and keys to U+FFFD, so what is
 * stored is what comes back. Returns the same value when nothing needed repair.
 */
export const checkJsonShape = (
  json: unknown,
  maxDepth = MAX_JSON_DEPTH,
): { value: unknown; issue?: Issue } => {
  let issue: Issue | undefined;
  const path: PropertyKey[] = [];
  const walk = (value: unknown, depth: number): unknown => {
    if (issue) return value;
    if (typeof value === 'string') return wellFormed(value);
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= maxDepth) {
      const at = formatPath(path);
      issue = {
        path: at,
        code: 'too_deep',
        message: `${at || 'document'}: nested more than ${maxDepth} levels deep; flatten it (node data holds plain fields)`,
      };
      return value;
    }
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        const item = walk(value[i], depth + 1);
        path.pop();
        if (item !== value[i]) (copy ??= [...value])[i] = item;
      }
      return copy ?? value;
    }
    let changed = false;
    const entries: [string, unknown][] = [];
    for (const [key, item] of Object.entries(value)) {
      path.push(key);
      const repaired = walk(item, depth + 1);
      path.pop();
      const name = wellFormed(key);
      if (repaired !== item || name !== key) changed = true;
      entries.push([name, repaired]);
    }
    // fromEntries defines keys: "__proto__" stays an own key, never the prototype.
    return changed ? Object.fromEntries(entries) : value;
  };
  const value = walk(json, 0);
  return issue ? { value: json, issue } : { value };
};

/** Too many nodes or edges, said before anything else is looked at. */
export const sizeIssues = (document: Record<string, unknown>): Issue[] => {
  const issues: Issue[] = [];
  const { nodes, edges } = document;
  if (Array.isArray(nodes) && nodes.length > MAX_NODES)
    issues.push({
      path: 'nodes',
      code: 'too_many_nodes',
      message: `nodes: ${nodes.length} nodes; a workflow may have at most ${MAX_NODES}. Split it into smaller workflows`,
    });
  if (Array.isArray(edges) && edges.length > MAX_EDGES)
    issues.push({
      path: 'edges',
      code: 'too_many_edges',
      message: `edges: ${edges.length} edges; a workflow may have at most ${MAX_EDGES}. Split it into smaller workflows`,
    });
  for (const key of ['notes', 'groups'] as const) {
    const list = document[key];
    if (Array.isArray(list) && list.length > MAX_ANNOTATIONS)
      issues.push({
        path: key,
        code: 'too_many_annotations',
        message: `${key}: ${list.length} ${key}; a workflow may have at most ${MAX_ANNOTATIONS}. Remove some`,
      });
  }
  return issues;
};
