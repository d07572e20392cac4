import { randomBytes } from 'node:crypto';

/**
 * Ids shaped like the real ones: a prefix and 50 hex digits, items of one response sharing
 * the first 24 digits with it (as in the recorded streams).
 */
export interface IdFactory {
  response: string;
  item(prefix: 'rs' | 'ig' | 'ws' | 'msg'): string;
}

export function newIds(): IdFactory {
  const base = randomBytes(12).toString('hex');
  return {
    response: `resp_${base}${randomBytes(13).toString('hex')}`,
    item: (prefix) => `${prefix}_${base}${randomBytes(13).toString('hex')}`,
  };
}

export function newRequestId(): string {
  return `req_${randomBytes(16).toString('hex')}`;
}
