import { useEffect } from 'react';
import type { RefObject } from 'react';

/**
 * Closes a floating element on a press outside it, on a scroll/zoom of the page or a resize,
 * and gives the focus back to what had it before the element opened.
 */
export const useDismiss = (ref: RefObject<HTMLElement | null>, onClose: () => void) => {
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const outside = (e: Event) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    const close = () => onClose();
    // Capture: React Flow's pane stops some pointer events from bubbling.
    window.addEventListener('pointerdown', outside, true);
    window.addEventListener('wheel', outside, true);
    window.addEventListener('resize', close);
    window.addEventListener('blur', close);
    return () => {
      window.removeEventListener('pointerdown', outside, true);
      window.removeEventListener('wheel', outside, true);
      window.removeEventListener('resize', close);
      window.removeEventListener('blur', close);
      if (before && document.contains(before) && before !== document.body) before.focus();
    };
  }, [ref, onClose]);
};
