import './fitting-group.css';
import type { ReactNode } from 'react';
import { Children, useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';

/**
 * A toolbar group that never makes its bar overflow: its children stay inline while the bar
 * has room, and from the last one backwards move into a "More" menu when it has not (the
 * "priority+" pattern). Children keep their test ids and handlers wherever they are shown.
 * The bar is the nearest `.topbar`; it must not grow with its content (overflow hidden).
 */
export function FittingGroup({ children }: { children: ReactNode }) {
  const items = Children.toArray(children);
  const count = items.length;
  const [inline, setInline] = useState(count);
  // Bumped to fit again from scratch: setInline(count) alone re-renders nothing when all
  // children are inline already, and a new part of the bar may still push them over.
  const [attempt, refit] = useReducer((n: number) => n + 1, 0);
  const [open, setOpen] = useState(false);
  const groupRef = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  // Before paint: while the bar overflows, move one more child into the menu.
  useLayoutEffect(() => {
    const bar = groupRef.current?.closest('.topbar');
    if (bar && bar.scrollWidth > bar.clientWidth && inline > 0) setInline(inline - 1);
  }, [inline, count, attempt]);

  // A wider window, another part of the bar changing size (the account badge arriving) or a
  // part appearing or leaving (who else has the workflow open) may fit more or fewer: start
  // over. The group growing (an unread count) may not fit: shrink.
  useEffect(() => {
    const group = groupRef.current;
    const bar = group?.closest('.topbar');
    if (!group || !bar || typeof ResizeObserver === 'undefined') return;
    const restart = () => {
      setInline(count);
      refit();
    };
    const widths = new Map<Element, number>();
    const observer = new ResizeObserver(() => {
      let changed = false;
      for (const [element, width] of widths)
        if (width !== element.clientWidth) {
          widths.set(element, element.clientWidth);
          changed = true;
        }
      if (changed) restart();
    });
    const watch = () => {
      observer.disconnect();
      widths.clear();
      for (const element of [bar, ...[...bar.children].filter((child) => child !== group)]) {
        widths.set(element, element.clientWidth);
        observer.observe(element);
      }
    };
    watch();
    const onParts = new MutationObserver(() => {
      watch();
      restart();
    });
    onParts.observe(bar, { childList: true });
    const onGroup = new ResizeObserver(() => {
      if (bar.scrollWidth > bar.clientWidth) setInline((n) => Math.max(0, n - 1));
    });
    onGroup.observe(group);
    return () => {
      observer.disconnect();
      onParts.disconnect();
      onGroup.disconnect();
    };
  }, [count]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && menuRef.current?.contains(event.target)) return;
      setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const shown = Math.min(inline, count);
  const rest = items.slice(shown);
  return (
    <div className="group fitting-group" ref={groupRef}>
      {items.slice(0, shown)}
      {rest.length > 0 && (
        <div className="more" ref={menuRef}>
          <button
            type="button"
            className={`tb${open ? ' on' : ''}`}
            data-testid="toolbar-more"
            aria-haspopup="menu"
            aria-expanded={open}
            title="More: what the window has no room for"
            onClick={() => setOpen(!open)}
          >
            More ▾
          </button>
          {open && (
            // A click on an item acts, then closes the menu.
            <div className="more-menu" role="menu" onClick={() => setOpen(false)}>
              {rest}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
