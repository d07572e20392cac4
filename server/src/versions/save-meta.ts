import type { Context } from 'hono';
import { actorOf } from '../auth/actor';
import type { SaveMeta } from '../db/workflow-repo';
import { ApiError } from '../http/errors';

/** Longer than any commit subject people write; keeps the version list readable. */
export const MAX_MESSAGE_LENGTH = 500;

/**
 * The optional `message` of a save body (next to the document's own keys, which parsing
 * strips): a string of at most 500 characters, blank meaning none.
 */
export const messageOf = (body: unknown): string | undefined => {
  const message = (body as { message?: unknown } | null)?.message;
  if (message === undefined || message === null) return undefined;
  if (typeof message !== 'string')
    throw new ApiError(
      400,
      'invalid_message',
      'message must be a string (what this save changes).',
      'message',
    );
  if (message.length > MAX_MESSAGE_LENGTH)
    throw new ApiError(
      400,
      'invalid_message',
      `message is ${message.length} characters; keep it to ${MAX_MESSAGE_LENGTH}.`,
      'message',
    );
  return message.trim() || undefined;
};

/** What a save made by this request records: its actor as the author, and the body's message. */
export const saveMetaOf = (c: Context, body?: unknown, message?: string): SaveMeta => {
  const actor = actorOf(c);
  const said = message ?? messageOf(body);
  return { author: { id: actor.id, name: actor.name }, ...(said ? { message: said } : {}) };
};
