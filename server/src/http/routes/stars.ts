import { Hono } from 'hono';
import { allow } from '../../auth/allow';
import { z } from 'zod';
import { authorize } from '../../auth/actor';
import type { StarRepo } from '../../review/star-repo';
import type { AppDeps } from '../deps';
import { apiError } from '../errors';
import { validate } from '../validate';
import { nodeIdSchema } from './comments';
import { idSchema } from './workflows';

const listQuery = z.object({
  workflowId: idSchema.optional(),
  runId: idSchema.optional(),
  batchId: idSchema.optional(),
});
const outputParam = z.object({ runId: idSchema, nodeId: nodeIdSchema });
const portQuery = z.object({ port: z.string().min(1).max(64).default('image') });

/**
 * Stars on outputs: `GET /api/stars?workflowId=|runId=|batchId=`, `PUT` and `DELETE
 * /api/stars/:runId/:nodeId[?port=image]`. Starring is a review action (`comment`).
 */
export const starRoutes = (deps: AppDeps, repo: StarRepo) =>
  new Hono()
    .get('/', allow('view'), validate('query', listQuery), (c) => {
      authorize(c, 'view');
      return c.json({ stars: repo.list(c.req.valid('query')) }, 200);
    })
    .put(
      '/:runId/:nodeId',
      allow('comment'),
      validate('param', outputParam),
      validate('query', portQuery),
      (c) => {
        const actor = authorize(c, 'comment');
        const { runId, nodeId } = c.req.valid('param');
        const { port } = c.req.valid('query');
        const run = deps.runs.get(runId);
        if (!run)
          return apiError(c, 404, 'run_not_found', `No run with id "${runId}".`, { path: 'runId' });
        const node = run.nodes[nodeId];
        if (node?.outputs?.[port] === undefined)
          return apiError(
            c,
            422,
            'no_output',
            node
              ? `Node "${nodeId}" of run "${runId}" has no "${port}" output to star (it ${node.status}).`
              : `Run "${runId}" has no node "${nodeId}".`,
            { path: node ? 'port' : 'nodeId' },
          );
        return c.json(repo.star(runId, nodeId, port, { id: actor.id, name: actor.name }), 200);
      },
    )
    .delete(
      '/:runId/:nodeId',
      allow('comment'),
      validate('param', outputParam),
      validate('query', portQuery),
      (c) => {
        authorize(c, 'comment');
        const { runId, nodeId } = c.req.valid('param');
        const { port } = c.req.valid('query');
        if (!repo.unstar(runId, nodeId, port))
          return apiError(
            c,
            404,
            'star_not_found',
            `The "${port}" output of node "${nodeId}" in run "${runId}" is not starred.`,
            { path: 'nodeId' },
          );
        return c.json({ runId, nodeId, port, starred: false }, 200);
      },
    );
