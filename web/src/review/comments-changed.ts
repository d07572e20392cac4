/**
 * Said when this tab wrote a comment, a reply, or resolved or reopened a thread (review-api):
 * the markers on cards, outputs and History read the threads again at once instead of waiting
 * for the next look (a hash change, the tab's focus, the 20 s refresh).
 */
const EVENT = 'atelier:comments-changed';

export const commentsChanged = () => window.dispatchEvent(new Event(EVENT));

/** Calls `listener` after each change this tab makes; returns how to stop. */
export const onCommentsChanged = (listener: () => void): (() => void) => {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
};
