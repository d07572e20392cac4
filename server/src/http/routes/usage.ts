import { Hono } from 'hono';
import { allow } from '../../auth/allow';
import { z } from 'zod';
import { authorize } from '../../auth/actor';
import { usageReport } from '../../review/usage';
import type { AppDeps } from '../deps';
import { apiError } from '../errors';
import { validate } from '../validate';

const DAY = 86_400_000;

/** Epoch milliseconds, or an ISO date/time (`2026-12-01`, `2026-12-01T10:00:00Z`). */
const instant = z
  .string()
  .transform((text, ctx) => {
    const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    if (!Number.isFinite(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a date (2026-12-01), a date and time (ISO 8601) or epoch milliseconds',
      });
      return z.NEVER;
    }
    return value;
  })
  .optional();

const usageQuery = z.object({ from: instant, to: instant });

/** `GET /api/usage?from=&to=`: cost by person and by workflow (default: the last 30 days). */
export const usageRoutes = (deps: AppDeps) =>
  new Hono().get('/', allow('view'), validate('query', usageQuery), (c) => {
    authorize(c, 'view');
    const query = c.req.valid('query');
    const to = query.to ?? Date.now() + 1;
    const from = query.from ?? to - 30 * DAY;
    if (from >= to)
      return apiError(c, 400, 'invalid_request', '"from" must be before "to".', { path: 'from' });
    return c.json(usageReport(deps.db, from, to), 200);
  });
