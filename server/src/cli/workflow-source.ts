import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

/** What `atelier run|batch|inputs <workflow>` names: a document file or a library workflow. */
export type WorkflowRef = { kind: 'file'; file: string } | { kind: 'library'; ref: string };

/**
 * A file when one exists at that path, or when the argument looks like a path (a `.json` name
 * or a folder in it: "cannot read" is then the right answer); otherwise a library id or name.
 */
export const workflowRef = async (arg: string, userCwd: string): Promise<WorkflowRef> => {
  const info = await stat(resolve(userCwd, arg)).catch(() => undefined);
  if (info?.isFile() || /\.json$/i.test(arg) || /[\\/]/.test(arg))
    return { kind: 'file', file: arg };
  return { kind: 'library', ref: arg };
};

export interface LibraryEntry {
  id: string;
  name: string;
  version: number;
  updatedAt: number;
}

/**
 * The library workflow a reference means: its id, else its exact name, else its name in any
 * case. Several workflows with that name are refused with their ids, so a script never runs
 * the wrong one silently.
 */
export const pickWorkflow = (
  ref: string,
  library: readonly LibraryEntry[],
): { ok: true; entry: LibraryEntry } | { ok: false; message: string } => {
  const byId = library.find((w) => w.id === ref);
  if (byId) return { ok: true, entry: byId };
  let named = library.filter((w) => w.name === ref);
  if (named.length === 0) named = library.filter((w) => w.name.toLowerCase() === ref.toLowerCase());
  if (named.length === 1) return { ok: true, entry: named[0]! };
  if (named.length > 1)
    return {
      ok: false,
      message: `${named.length} library workflows are named "${ref}": give the id of one (${named
        .map(
          (w) =>
            `${w.id}, version ${w.version}, saved ${new Date(w.updatedAt).toISOString().slice(0, 16).replace('T', ' ')}`,
        )
        .join('; ')}).`,
    };
  return {
    ok: false,
    message: `No workflow file "${ref}" and no library workflow with that id or name${
      library.length
        ? ` (the library has: ${library
            .slice(0, 10)
            .map((w) => `"${w.name}"`)
            .join(', ')}${library.length > 10 ? ', …' : ''})`
        : ' (the library is empty)'
    }.`,
  };
};
