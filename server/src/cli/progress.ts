import type { RunEvent, RunSummary } from '@atelier/engine';
import type { Issue, Workflow } from '@atelier/graph';

/** Dollars; an estimate (no exact counts from the API) is marked ≈. */
export const usd = (amount: number, estimated = false) =>
  `${estimated && amount > 0 ? '≈' : ''}$${amount < 0.01 && amount > 0 ? amount.toFixed(4) : amount.toFixed(3)}`;

export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/** One stderr line per node event (undefined: nothing to say). */
export const progressLine = (
  event: RunEvent,
  types: ReadonlyMap<string, string>,
  callsApi: (nodeId: string) => boolean = () => true,
): string | undefined => {
  const label = (id: string) => `${id} (${types.get(id) ?? 'node'})`;
  switch (event.type) {
    case 'run.started':
      return `Running ${event.nodes.length} node${event.nodes.length === 1 ? '' : 's'}…`;
    case 'node.started':
      // Input nodes finish at once: their start says nothing.
      return callsApi(event.nodeId) ? `▸ ${label(event.nodeId)} started` : undefined;
    case 'node.partial_image':
      return `  ${event.nodeId}: partial image ${event.index + 1}`;
    case 'node.log':
      return `  ${event.nodeId}: ${event.message}`;
    case 'node.completed':
      if (event.cached)
        return `✓ ${label(event.nodeId)} cached${event.cost > 0 ? ` (saved ${usd(event.cost)})` : ''}`;
      if (!callsApi(event.nodeId)) return `✓ ${label(event.nodeId)}`;
      return `✓ ${label(event.nodeId)} done in ${seconds(event.durationMs)}${event.cost > 0 ? `, ${usd(event.cost, event.usage?.costEstimated)}` : ''}`;
    case 'node.failed':
      return event.status === 'failed'
        ? `✗ ${label(event.nodeId)} failed: ${event.error.code}: ${event.error.message}`
        : `- ${label(event.nodeId)} ${event.status}: ${event.error.message}`;
    case 'run.completed':
      return undefined;
    default:
      event satisfies never;
      return undefined;
  }
};

/** The last line: outcome, counts, time, cost, what the cache saved, and the provider. */
export const summaryLine = (
  runId: string,
  summary: RunSummary,
  provider: 'simulator' | 'openai',
): string => {
  const nodes = Object.values(summary.nodes);
  const ran = nodes.filter((n) => n.status === 'succeeded' && !n.cached).length;
  const cached = nodes.filter((n) => n.status === 'succeeded' && n.cached).length;
  const failed = nodes.filter((n) => n.status === 'failed').length;
  const skipped = nodes.filter((n) => n.status === 'skipped' || n.status === 'cancelled').length;
  const parts = [
    `${ran} ran`,
    `${cached} cached`,
    ...(failed ? [`${failed} failed`] : []),
    ...(skipped ? [`${skipped} not run`] : []),
  ];
  const calls = summary.usage.requests;
  return [
    `Run ${runId} ${summary.status}: ${parts.join(', ')} in ${seconds(summary.finishedAt - summary.startedAt)}`,
    `${calls} API call${calls === 1 ? '' : 's'}, cost ${usd(summary.cost, summary.usage.costEstimated)}${summary.usage.costEstimated ? ' (≈ estimated: the API reported no exact tool usage)' : ''}`,
    `cache saved ${usd(summary.saved.cost)} (${summary.saved.nodes} node${summary.saved.nodes === 1 ? '' : 's'})`,
    provider === 'simulator' ? 'simulator (no OPENAI_API_KEY: nothing was billed)' : 'OpenAI',
  ].join(' · ');
};

/** Validation problems, one per line, each naming its path and code. */
export const issueLines = (issues: readonly Issue[], file: string): string[] => [
  `${file}: cannot run (${issues.length} problem${issues.length === 1 ? '' : 's'}):`,
  ...issues.map((issue) => {
    const text =
      issue.path && !issue.message.startsWith(issue.path)
        ? `${issue.path}: ${issue.message}`
        : issue.message;
    return `  ${text} [${issue.code}]`;
  }),
];

export const nodeTypes = (workflow: Workflow): Map<string, string> =>
  new Map(workflow.nodes.map((node) => [node.id, node.type]));
