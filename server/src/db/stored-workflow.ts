import type { Issue, Workflow } from '@atelier/graph';
import { parseWorkflow } from '@atelier/graph';

/** A stored document that does not parse: written by a newer Atelier, or damaged on disk. */
export class UnreadableDocumentError extends Error {
  override readonly name = 'UnreadableDocumentError';
  readonly code = 'unreadable_document';
  constructor(
    readonly where: string,
    readonly issues: Issue[],
  ) {
    super(`${where} cannot be read: ${issues[0]?.message ?? 'not a workflow document'}`);
  }
}

/**
 * Every stored document comes back through `parseWorkflow`, never a cast: one saved by an
 * older format is migrated on the way out, so nothing past this line sees an old shape.
 */
export const readStoredWorkflow = (json: unknown, where: string): Workflow => {
  const parsed = parseWorkflow(json);
  if (!parsed.ok) throw new UnreadableDocumentError(where, parsed.issues);
  return parsed.workflow;
};

/** A stored document's name for lists, read without failing the whole list on one bad row. */
export const storedName = (json: unknown): string => {
  const name = (json as { name?: unknown } | null)?.name;
  return (typeof name === 'string' && name.trim()) || 'Untitled';
};
