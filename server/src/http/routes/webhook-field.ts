import type { Context } from 'hono';
import { z } from 'zod';
import { webhookUrlProblem } from '../../webhooks/webhook-service';
import type { AppDeps } from '../deps';
import { apiError } from '../errors';

/** `webhook` of POST /api/runs and /api/batches: a URL called once when it finishes. */
export const webhookField = z.string().max(2048).optional();

/** Refuses a webhook the server cannot call, before anything is started. */
export const refuseWebhook = (c: Context, deps: AppDeps, url: string | undefined) => {
  if (url === undefined) return undefined;
  if (!deps.webhooks)
    return apiError(c, 422, 'invalid_webhook', 'This server does not call webhooks.', {
      path: 'webhook',
    });
  const problem = webhookUrlProblem(url);
  return problem
    ? apiError(c, 422, 'invalid_webhook', `The webhook "${url}" ${problem}.`, { path: 'webhook' })
    : undefined;
};

/** GET …/:id/webhook: the webhook and its delivery log, or 404 when none was named. */
export const webhookLog = (c: Context, deps: AppDeps, target: string) => {
  const hook = deps.webhooks?.get(target);
  return hook
    ? c.json(hook, 200)
    : apiError(
        c,
        404,
        'webhook_not_found',
        `No webhook was named for ${target.replace(':', ' ')}.`,
        {
          path: 'id',
        },
      );
};
