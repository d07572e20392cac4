import { runWorkflow } from './run-workflow';
import type { RunEvent, RunOptions, RunSummary } from './types';

/**
 * `runWorkflow` as an async iterator: yields every RunEvent in order (run.completed last)
 * and returns the summary. Leaving the loop early cancels the run.
 */
export async function* runWorkflowEvents(
  options: RunOptions,
): AsyncGenerator<RunEvent, RunSummary, undefined> {
  const controller = new AbortController();
  const outer = options.signal;
  const forward = () => controller.abort(outer?.reason);
  if (outer?.aborted) forward();
  else outer?.addEventListener('abort', forward, { once: true });

  const queue: RunEvent[] = [];
  let wake: (() => void) | undefined;
  const running = runWorkflow({ ...options, signal: controller.signal }, (event) => {
    queue.push(event);
    wake?.();
  });
  let summary: RunSummary | undefined;
  let failure: { error: unknown } | undefined;
  running.then(
    (result) => {
      summary = result;
      wake?.();
    },
    (error: unknown) => {
      failure = { error };
      wake?.();
    },
  );
  try {
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      if (failure) throw failure.error;
      if (summary) return summary;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    outer?.removeEventListener('abort', forward);
    if (!summary && !failure) controller.abort();
  }
}
