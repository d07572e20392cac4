import { Hono } from 'hono';
import { allow } from '../../auth/allow';
import { z } from 'zod';
import { authorize } from '../../auth/actor';
import { compareRuns } from '../../review/compare-runs';
import type { AppDeps } from '../deps';
import { apiError } from '../errors';
import { validate } from '../validate';
import { idSchema } from './workflows';

const compareQuery = z.object({ a: idSchema, b: idSchema });

/** `GET /api/runs/compare?a=<run>&b=<run>`: two runs side by side (review/compare-runs.ts). */
export const compareRoutes = (deps: AppDeps) =>
  new Hono().get('/', allow('view'), validate('query', compareQuery), (c) => {
    authorize(c, 'view');
    const { a, b } = c.req.valid('query');
    const runA = deps.runs.get(a);
    if (!runA) return apiError(c, 404, 'run_not_found', `No run with id "${a}".`, { path: 'a' });
    const runB = deps.runs.get(b);
    if (!runB) return apiError(c, 404, 'run_not_found', `No run with id "${b}".`, { path: 'b' });
    return c.json(
      compareRuns(runA, runB, {
        catalogue: deps.registry,
        forkedFrom: (id) => deps.workflows.get(id)?.forkedFrom?.id,
      }),
      200,
    );
  });
