import { Hono } from 'hono';
import { CommentRepo } from '../../review/comment-repo';
import { StarRepo } from '../../review/star-repo';
import type { AppDeps } from '../deps';
import { commentRoutes, inboxRoutes } from './comments';
import { compareRoutes } from './compare';
import { starRoutes } from './stars';
import { usageRoutes } from './usage';

/** Review (issue 14): comments and the inbox, stars, usage, run comparison. Mounted at /api. */
export const reviewRoutes = (deps: AppDeps) => {
  const comments = new CommentRepo(deps.db);
  const stars = new StarRepo(deps.db);
  return (
    new Hono()
      .route('/comments', commentRoutes(deps, comments))
      .route('/inbox', inboxRoutes(comments))
      .route('/stars', starRoutes(deps, stars))
      .route('/usage', usageRoutes(deps))
      // Before the runs routes, whose `/:id` would otherwise take "compare" for a run id.
      .route('/runs/compare', compareRoutes(deps))
  );
};
