import { useLayoutEffect, useState } from 'react';
import type { CSSProperties, RefObject } from 'react';
import { menuPosition } from './menu-position';
import { useDismiss } from './use-dismiss';

/**
 * A floating element (a menu, the node search) at a screen point: measured hidden first, then
 * placed where all of it shows, then `focus` takes the focus (a hidden element cannot). It
 * closes as `useDismiss` says. Returns the element's style.
 */
export const useFloatingAt = (
  ref: RefObject<HTMLElement | null>,
  at: { x: number; y: number },
  focus: RefObject<HTMLElement | null>,
  onClose: () => void,
): CSSProperties => {
  const [pos, setPos] = useState<{ left: number; top: number }>();
  useDismiss(ref, onClose);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    setPos(menuPosition(at, { width, height }, { width: innerWidth, height: innerHeight }));
  }, [ref, at]);
  useLayoutEffect(() => {
    if (pos) focus.current?.focus();
  }, [focus, pos]);

  return pos ? { left: pos.left, top: pos.top } : { left: 0, top: 0, visibility: 'hidden' };
};
