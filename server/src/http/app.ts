import { registry as defaultRegistry } from '@atelier/nodes';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requireToken } from './auth';
import { ApiTokenRepo } from '../auth/api-tokens';
import { AuditLog } from '../auth/audit-log';
import { authenticate } from '../auth/authenticate';
import { authHandlerRoutes } from './routes/auth-handler';
import { teamRoutes } from './routes/team';
import type { AppDeps } from './deps';
import { UnreadableDocumentError } from '../db/stored-workflow';
import { ApiError, errorBody } from './errors';
import { requestLog } from './request-log';
import { originGuard } from './security';
import { securityHeaders } from './security-headers';
import { batchRoutes, queueRoutes } from './routes/batches';
import { blobRoutes } from './routes/blobs';
import { metaRoutes } from './routes/meta';
import { provenanceRoutes } from './routes/provenance';
import { isSharePath, publicShareRoutes } from './routes/public-share';
import { shareRoutes, workflowSharingRoutes } from './routes/sharing';
import { reviewRoutes } from './routes/review';
import { runRoutes } from './routes/runs';
import { versionRoutes } from './routes/versions';
import { workflowRoutes } from './routes/workflows';
import { webRoutes } from './static';

export type CreateAppDeps = Omit<AppDeps, 'registry' | 'audit'> &
  Partial<Pick<AppDeps, 'registry' | 'audit'>>;

/** The whole HTTP surface: the API under /api (DESIGN.md §7) and the editor at /. */
export const createApp = (input: CreateAppDeps) => {
  const deps: AppDeps = {
    ...input,
    registry: input.registry ?? defaultRegistry,
    audit: input.audit ?? new AuditLog(input.db),
  };
  const log = deps.log ?? (() => {});

  const app = new Hono();
  app.use('*', requestLog(log));
  app.use('*', securityHeaders());
  app.use('/api/*', originGuard(deps.token === undefined && deps.accounts === undefined));
  if (deps.accounts) {
    // Team mode: sessions and personal tokens name a person; roles decide (auth/).
    app.use('/api/*', authenticate(deps.accounts, new ApiTokenRepo(deps.db)));
  } else if (deps.token !== undefined) {
    const guard = requireToken(deps.token);
    // A share link is its own capability (checked by its routes): no server token needed.
    app.use('/api/*', (c, next) => (isSharePath(c.req.path) ? next() : guard(c, next)));
  }

  app.onError((error, c) => {
    if (error instanceof ApiError)
      return c.json(errorBody(error.code, error.message, { path: error.path }), error.status);
    if (error instanceof UnreadableDocumentError)
      return c.json(
        errorBody(
          error.code,
          `${error.message}. It may have been saved by a newer Atelier: update this one to open it.`,
          { issues: error.issues },
        ),
        422,
      );
    if (error instanceof HTTPException && error.status < 500) {
      if (/malformed json/i.test(error.message))
        return c.json(
          errorBody('invalid_json', 'The request body is not valid JSON.', { path: '' }),
          400,
        );
      return c.json(errorBody('bad_request', error.message || 'Bad request.'), error.status);
    }
    // The details stay in the server log; the client gets no stack trace.
    log(
      `error ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return c.json(
      errorBody('internal_error', 'Something went wrong on the server; see its log.'),
      500,
    );
  });
  app.notFound((c) =>
    c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}.`), 404),
  );

  const routes = app.route(
    '/api',
    new Hono()
      .route('/', metaRoutes(deps))
      .route('/auth', authHandlerRoutes(deps))
      .route('/', teamRoutes(deps))
      .route('/blobs', blobRoutes(deps))
      .route('/workflows', workflowSharingRoutes(deps))
      .route('/workflows', versionRoutes(deps))
      .route('/workflows', workflowRoutes(deps))
      .route('/', reviewRoutes(deps))
      .route('/runs', runRoutes(deps))
      .route('/batches', batchRoutes(deps))
      .route('/queue', queueRoutes(deps))
      .route('/shares', shareRoutes(deps))
      .route('/provenance', provenanceRoutes(deps))
      .route('/s', publicShareRoutes(deps)),
  );
  app.route('/', webRoutes(deps.webDist));
  return routes;
};

export type AppType = ReturnType<typeof createApp>;
