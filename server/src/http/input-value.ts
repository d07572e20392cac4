import { z } from 'zod';

/** What a value that is neither text nor `{blob}` is, in a person's words. */
const described = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object')
    return 'blob' in value
      ? `an object whose "blob" is not a string`
      : `an object without "blob"${Object.keys(value).length ? ` (keys: ${Object.keys(value).slice(0, 5).join(', ')})` : ''}`;
  return `the ${typeof value} ${JSON.stringify(value)}`;
};

/**
 * A named input's value in a run, batch or run-link request: text, or an uploaded image or
 * mask by its id. A wrong one says which two shapes are expected (zod's own "Invalid input"
 * did not).
 */
export const inputValueSchema = z.union(
  [z.string(), z.object({ blob: z.string().describe('id of an uploaded blob (POST /api/blobs)') })],
  {
    error: (issue) =>
      `expected a string (the value of a text input) or {"blob": "<sha256>"} (an image or mask uploaded with POST /api/blobs); got ${described(issue.input)}`,
  },
);
