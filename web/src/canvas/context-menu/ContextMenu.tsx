import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useFloatingAt } from './use-floating-at';

export interface MenuItem {
  id: string;
  label: string;
  /** The key that does the same, shown on the right (e.g. "Ctrl D"). */
  keys?: string;
  disabled?: boolean;
  /** Why it is disabled, shown as its tooltip. */
  hint?: string;
  danger?: boolean;
  /** Starts a new group (a line above it). */
  separated?: boolean;
  run(): void;
}

/**
 * A menu at a screen point, whole on screen (flipped or pushed in from the edges). Keyboard: it
 * takes the focus, arrows/Home/End move, Enter or Space chooses, Escape, Tab or a click
 * outside closes it and gives the focus back to where it was.
 */
export function ContextMenu({
  at,
  label,
  items,
  onClose,
  testId,
}: {
  at: { x: number; y: number };
  label: string;
  items: MenuItem[];
  onClose(): void;
  testId: string;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const style = useFloatingAt(ref, at, ref, onClose);
  const enabled = items.filter((i) => !i.disabled);
  const [active, setActive] = useState(enabled[0]?.id);

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    onClose();
    // After the menu is gone and has given the focus back, so what the item opens (a title
    // editor, the node search) keeps the focus.
    setTimeout(() => item.run(), 0);
  };
  const move = (step: number | 'first' | 'last') => {
    if (enabled.length === 0) return;
    const at = enabled.findIndex((i) => i.id === active);
    const next =
      step === 'first'
        ? 0
        : step === 'last'
          ? enabled.length - 1
          : (at + step + enabled.length) % enabled.length;
    setActive(enabled[next]!.id);
  };

  if (items.length === 0) return null;
  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={label}
      data-testid={testId}
      tabIndex={-1}
      aria-activedescendant={active ? `menu-item-${active}` : undefined}
      style={style}
      onContextMenu={(e) => e.preventDefault()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'ArrowDown') move(1);
        else if (e.key === 'ArrowUp') move(-1);
        else if (e.key === 'Home') move('first');
        else if (e.key === 'End') move('last');
        else if (e.key === 'Enter' || e.key === ' ') {
          const item = enabled.find((i) => i.id === active);
          if (item) choose(item);
        } else if (e.key === 'Escape' || e.key === 'Tab') onClose();
        else return;
        e.preventDefault();
      }}
    >
      {items.map((item) => (
        <button
          key={item.id}
          id={`menu-item-${item.id}`}
          type="button"
          role="menuitem"
          tabIndex={-1}
          data-testid={`menu-${item.id}`}
          className={`context-menu-item${item.id === active ? ' active' : ''}${item.danger ? ' danger' : ''}${item.separated ? ' separated' : ''}`}
          disabled={item.disabled}
          aria-disabled={item.disabled}
          title={item.disabled ? item.hint : undefined}
          onMouseEnter={() => !item.disabled && setActive(item.id)}
          onClick={() => choose(item)}
        >
          <span>{item.label}</span>
          {item.keys && <kbd>{item.keys}</kbd>}
        </button>
      ))}
    </div>
  );
}
