import type { ReactNode } from 'react';
import { useSession } from '../store/session-store';

const closePanel = () => useSession.getState().setPanel(null);

/**
 * A panel on the right of the canvas (Library, History, Help, Batch): a titled head with ✕,
 * then its content. Each panel keeps its own test ids and accessible names (web/TESTIDS.md),
 * so they are passed in whole rather than derived.
 */
export function SidePanel({
  title,
  label,
  testId,
  closeLabel,
  closeTestId,
  className,
  onClose = closePanel,
  children,
}: {
  title: ReactNode;
  /** The panel's accessible name. */
  label: string;
  testId: string;
  closeLabel: string;
  closeTestId: string;
  className?: string;
  /** Closes the open panel unless the panel has more to undo first. */
  onClose?(): void;
  children: ReactNode;
}) {
  return (
    <section
      className={`side-panel${className ? ` ${className}` : ''}`}
      data-testid={testId}
      aria-label={label}
    >
      <header className="panel-head">
        <h2>{title}</h2>
        <button
          type="button"
          className="tb"
          aria-label={closeLabel}
          data-testid={closeTestId}
          onClick={onClose}
        >
          ✕
        </button>
      </header>
      {children}
    </section>
  );
}
