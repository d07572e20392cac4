import { ApiError } from '../api/api';

/** A library workflow that uses another as a recipe node (DELETE's 409 `users`). */
export interface RecipeUser {
  id: string;
  name: string;
  version: number;
  /** Its recipe nodes pinned to the workflow being deleted, and the version each pins. */
  nodes: { id: string; version: number }[];
}

const isUser = (u: unknown): u is RecipeUser => {
  const v = u as Partial<RecipeUser> | null;
  return !!v && typeof v.id === 'string' && typeof v.name === 'string';
};

/**
 * The workflows a refused delete names (`409 workflow_in_use`, `error.users`), or undefined
 * for any other failure.
 */
export const recipeUsersOf = (error: unknown): RecipeUser[] | undefined => {
  if (!(error instanceof ApiError) || error.code !== 'workflow_in_use') return undefined;
  const users = error.details?.users;
  return Array.isArray(users)
    ? users.filter(isUser).map((u) => ({ ...u, nodes: Array.isArray(u.nodes) ? u.nodes : [] }))
    : [];
};

/** "2 recipe nodes, pinned to v1 and v3" — what a user of the recipe holds of it. */
export const pinsOf = (user: RecipeUser): string => {
  const n = user.nodes.length;
  if (n === 0) return '';
  const versions = [...new Set(user.nodes.map((node) => node.version))].sort((a, b) => a - b);
  const pinned = versions.map((v) => `v${v}`);
  const list =
    pinned.length === 1 ? pinned[0] : `${pinned.slice(0, -1).join(', ')} and ${pinned.at(-1)}`;
  return `${n} recipe node${n === 1 ? '' : 's'}, pinned to ${list}`;
};
