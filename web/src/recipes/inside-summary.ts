import type { NamedDiff, WorkflowDiff } from '@atelier/graph';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The named inputs or outputs that changed, as phrases: a name removed and another added for
 * the same node field or port is one rename, not two changes.
 */
const namedPhrases = <T extends { name: string; node: string }>(
  what: 'input' | 'output',
  side: NamedDiff<T>,
  spot: (t: T) => string,
): string[] => {
  const added = [...side.added];
  const phrases: string[] = [];
  const removed = side.removed.filter((r) => {
    const i = added.findIndex((a) => a.node === r.node && spot(a) === spot(r));
    if (i < 0) return true;
    phrases.push(`${what} “${r.name}” renamed to “${added[i]!.name}”`);
    added.splice(i, 1);
    return false;
  });
  if (added.length) phrases.push(`${count(added.length, what)} added`);
  if (removed.length) phrases.push(`${count(removed.length, what)} removed`);
  if (side.changed.length) phrases.push(`${count(side.changed.length, what)} changed`);
  return phrases;
};

/**
 * What changed inside a recipe between two versions, every counted change named: the count
 * and the list always agree (REVIEW-2 #9).
 */
export const insideSummary = (diff: WorkflowDiff): string => {
  if (diff.same) return 'no change to its nodes';
  const phrases = [
    ...(diff.name ? ['renamed'] : []),
    ...(diff.description ? ['description changed'] : []),
    ...(diff.nodes.added.length ? [`${count(diff.nodes.added.length, 'node')} added`] : []),
    ...(diff.nodes.removed.length ? [`${count(diff.nodes.removed.length, 'node')} removed`] : []),
    ...(diff.nodes.changed.length ? [`${count(diff.nodes.changed.length, 'node')} changed`] : []),
    ...(diff.edges.added.length ? [`${count(diff.edges.added.length, 'connection')} added`] : []),
    ...(diff.edges.removed.length
      ? [`${count(diff.edges.removed.length, 'connection')} removed`]
      : []),
    ...namedPhrases('input', diff.inputs, (i) => i.field),
    ...namedPhrases('output', diff.outputs, (o) => o.port),
  ];
  const notes =
    (diff.annotations?.added.length ?? 0) +
    (diff.annotations?.removed.length ?? 0) +
    (diff.annotations?.changed.length ?? 0);
  if (notes) phrases.push(count(notes, 'note or group change', 'note or group changes'));
  return phrases.length ? phrases.join(', ') : 'no change to its nodes';
};
