import { randomBytes } from 'node:crypto';

/** A short random id with a readable prefix (`wf_…`, `run_…`), safe in URLs. */
export const newId = (prefix: string): string =>
  `${prefix}_${randomBytes(12).toString('base64url')}`;
