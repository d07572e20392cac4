import { useEffect, useState } from 'react';

/** The review views are reached by URL hash, so they can be linked (batch grid, version diff). */
export type ReviewRoute =
  | { kind: 'compare'; a: string; b: string }
  | { kind: 'output'; runId: string; nodeId: string }
  | { kind: 'node-comments'; workflowId: string; nodeId: string }
  | { kind: 'usage' }
  | { kind: 'inbox' };

export const parseReviewHash = (hash: string): ReviewRoute | undefined => {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'compare' && parts[1] && parts[2])
    return { kind: 'compare', a: parts[1], b: parts[2] };
  if (parts[0] === 'output' && parts[1] && parts[2])
    return { kind: 'output', runId: parts[1], nodeId: parts[2] };
  if (parts[0] === 'comments' && parts[1] && parts[2])
    return { kind: 'node-comments', workflowId: parts[1], nodeId: parts[2] };
  if (parts[0] === 'usage') return { kind: 'usage' };
  if (parts[0] === 'inbox') return { kind: 'inbox' };
  return undefined;
};

/** `#/compare/<a>/<b>`: two runs side by side. */
export const compareUrl = (a: string, b: string) =>
  `#/compare/${encodeURIComponent(a)}/${encodeURIComponent(b)}`;
/** `#/output/<run>/<node>`: one output image with its star and comment threads. */
export const outputUrl = (runId: string, nodeId: string) =>
  `#/output/${encodeURIComponent(runId)}/${encodeURIComponent(nodeId)}`;
/** `#/comments/<workflow>/<node>`: the comment threads pinned to a node of a saved workflow. */
export const nodeCommentsUrl = (workflowId: string, nodeId: string) =>
  `#/comments/${encodeURIComponent(workflowId)}/${encodeURIComponent(nodeId)}`;

export const goTo = (hash: string) => {
  location.hash = hash;
};
export const closeReview = () => {
  history.replaceState(null, '', location.pathname + location.search);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
};

export function useReviewRoute(): ReviewRoute | undefined {
  const [route, setRoute] = useState(() => parseReviewHash(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseReviewHash(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
