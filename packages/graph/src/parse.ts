import { annotationIssues } from './annotations';
import type { Issue, Workflow } from './document';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION, workflowSchema } from './document';
import type { Result } from './issues';
import { errorMap, fromZodIssues } from './issues';
import { checkJsonShape, sizeIssues } from './limits';
import { migrate } from './migrations';

const fail = (issues: Issue[]): { ok: false; issues: Issue[] } => ({ ok: false, issues });

/**
 * The one way to load a workflow document: checks its size (MAX_NODES, MAX_EDGES) and
 * nesting (MAX_JSON_DEPTH), repairs lone surrogates, checks format and version, migrates older
 * versions step by step, then parses with the current schema (defaults filled) and checks that
 * note and group ids are unique. Node data
 * is checked against each node type later, by validateWorkflow.
 */
export const parseWorkflow = (json: unknown): Result<'workflow', Workflow> => {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return fail([
      {
        path: '',
        code: 'invalid_document',
        message: `expected a workflow document (a JSON object with "format": "${WORKFLOW_FORMAT}")`,
      },
    ]);
  // Limits first: a hostile document is refused before any work in proportion to its size.
  const tooBig = sizeIssues(json as Record<string, unknown>);
  if (tooBig.length > 0) return fail(tooBig);
  const shape = checkJsonShape(json);
  if (shape.issue) return fail([shape.issue]);
  const document = shape.value as Record<string, unknown>;
  if (document.format !== WORKFLOW_FORMAT)
    return fail([
      {
        path: 'format',
        code: 'invalid_format',
        message: `format: expected "${WORKFLOW_FORMAT}", got ${JSON.stringify(document.format) ?? 'nothing'}`,
      },
    ]);
  const version = document.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return fail([
      {
        path: 'version',
        code: version === undefined ? 'missing_field' : 'invalid_field',
        message: `version: expected a whole number (current: ${WORKFLOW_VERSION}), got ${JSON.stringify(version) ?? 'nothing'}`,
      },
    ]);
  if (version > WORKFLOW_VERSION)
    return fail([
      {
        path: 'version',
        code: 'unsupported_version',
        message: `version: this document is version ${version} but this Atelier reads versions up to ${WORKFLOW_VERSION}; update Atelier to open it`,
      },
    ]);
  const issues: Issue[] = [];
  const migrated = migrate(document, version, issues);
  if (issues.length > 0) return fail(issues);
  const parsed = workflowSchema.safeParse(migrated, { error: errorMap });
  if (!parsed.success) return fail(fromZodIssues(parsed.error.issues));
  const duplicates = annotationIssues(parsed.data);
  if (duplicates.length > 0) return fail(duplicates);
  return { ok: true, workflow: parsed.data };
};
