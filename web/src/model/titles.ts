import type { FlowNode } from './types';

const cache = new WeakMap<readonly FlowNode[], ReadonlyMap<string, string>>();

/**
 * The titles people gave their nodes (`view.title`), by id: built once per node list, so each
 * card's selector is a lookup, not a scan (a 1,000-node canvas re-renders no card on a drag).
 */
export const titlesOf = (nodes: readonly FlowNode[]): ReadonlyMap<string, string> => {
  let titles = cache.get(nodes);
  if (!titles) {
    const map = new Map<string, string>();
    for (const n of nodes) {
      const title = n.view?.title;
      if (typeof title === 'string' && title.trim()) map.set(n.id, title.trim());
    }
    cache.set(nodes, map);
    titles = map;
  }
  return titles;
};
