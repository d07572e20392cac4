import { checkJsonShape, formatPath } from '@atelier/graph';
import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { errorBody } from './errors';

/** Paths in the style of DESIGN.md §3 (`nodes[2].data.size`): the one formatter, the graph's. */
export { formatPath };

const TARGET_NAMES: Record<keyof ValidationTargets, string> = {
  json: 'request body',
  form: 'form',
  query: 'query string',
  param: 'URL',
  header: 'headers',
  cookie: 'cookies',
};

/**
 * zod validation of one part of the request with the API's error shape. A failure names
 * the first bad path and what was expected: 400 `invalid_request` (or `code`).
 */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
  code = 'invalid_request',
) =>
  zValidator(target, schema, (result, c) => {
    if (result.success) return;
    const issue = result.error.issues[0];
    const path = issue ? formatPath(issue.path) : '';
    const message = issue
      ? `Invalid ${TARGET_NAMES[target]}${path ? ` at ${path}` : ''}: ${issue.message}`
      : `Invalid ${TARGET_NAMES[target]}`;
    return c.json(errorBody(code, message, { path }), 400);
  });

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** Workflow documents and run requests are small; anything bigger is a mistake or abuse. */
export const MAX_JSON_BYTES = 10 * 1024 * 1024;

const jsonLimit = bodyLimit({
  maxSize: MAX_JSON_BYTES,
  onError: (c) => c.json(errorBody('payload_too_large', 'JSON bodies are limited to 10 MB.'), 413),
});

/**
 * Bodies of JSON routes are read as JSON whatever their Content-Type (`curl -d @file.json`
 * sends form encoding), so a missing header is not mistaken for an empty document. The body
 * is parsed here once: nesting deeper than MAX_JSON_DEPTH is 400 `too_deep` with its path
 * (5,000 levels overflowed the stack when stored), and lone surrogates become U+FFFD (SQLite
 * would have turned them into something else), so what is stored is what comes back.
 */
export const jsonBody: MiddlewareHandler = async (c, next) => {
  let refused: Response | undefined;
  const limited = await jsonLimit(c, async () => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!JSON_TYPE.test(type)) {
      const headers = new Headers(c.req.raw.headers);
      headers.set('content-type', 'application/json');
      c.req.raw = new Request(c.req.raw, { headers });
    }
    let json: unknown;
    try {
      json = JSON.parse(await c.req.text());
    } catch {
      refused = c.json(
        errorBody('invalid_json', 'The request body is not valid JSON.', { path: '' }),
        400,
      );
      return;
    }
    const shape = checkJsonShape(json);
    if (shape.issue) {
      refused = c.json(
        errorBody('too_deep', `Invalid request body at ${shape.issue.message}.`, {
          path: shape.issue.path,
        }),
        400,
      );
      return;
    }
    // The validator and the handler read this value instead of parsing the text again.
    const value = shape.value;
    c.req.json = (() => Promise.resolve(value)) as typeof c.req.json;
    await next();
  });
  return refused ?? limited;
};
