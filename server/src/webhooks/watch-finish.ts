import type { BatchService } from '../batches/batch-service';
import { FINISHED_BATCH } from '../batches/batch-record';
import type { RunService } from '../runs/run-service';
import type { WebhookService } from './webhook-service';

/** Calls the run's webhook when it ends (succeeded, failed, cancelled or interrupted). */
export const watchRun = (hooks: WebhookService, runs: RunService, id: string): void => {
  void runs.wait(id).then(
    (run) =>
      hooks.finished(`run:${id}`, 'run.finished', {
        id,
        status: run.status,
        workflowId: run.workflowId ?? null,
        cost: run.cost,
        outputs: run.outputs ?? {},
        error: run.error ?? null,
      }),
    () => {},
  );
};

/** Calls the batch's webhook once it reaches a final status. */
export const watchBatch = (hooks: WebhookService, batches: BatchService, id: string): void => {
  const fire = (): boolean => {
    const batch = batches.get(id);
    if (!batch || !FINISHED_BATCH.has(batch.status)) return false;
    hooks.finished(`batch:${id}`, 'batch.finished', { ...batch });
    return true;
  };
  if (fire()) return;
  const stop = batches.subscribe(id, (event) => {
    if (event.type === 'batch.updated' && fire()) queueMicrotask(stop);
  });
};

/** After a start: webhooks of runs and batches that were not delivered are watched again. */
export const resumeWebhooks = (
  hooks: WebhookService,
  runs: RunService,
  batches: BatchService,
): void => {
  for (const target of hooks.pending()) {
    const [kind, id] = target.split(':') as [string, string];
    if (kind === 'run' && runs.get(id)) watchRun(hooks, runs, id);
    if (kind === 'batch' && batches.get(id)) watchBatch(hooks, batches, id);
  }
};
