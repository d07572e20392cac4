import type { ReactNode } from 'react';

export interface SegmentedOption<T extends string> {
  value: T;
  label: ReactNode;
  testId: string;
  disabled?: boolean;
  title?: string;
}

/**
 * A row of tabs of which one is chosen (`.segmented`): history scope, batch tabs and
 * filters, generator mode, compare mode. `children` come after the tabs, in the same row.
 */
export function Segmented<T extends string>({
  options,
  value,
  onChange,
  className,
  label,
  children,
}: {
  // T comes from `value` alone, so the options' literals are checked against it.
  options: readonly SegmentedOption<NoInfer<T>>[];
  value: T;
  onChange(value: NoInfer<T>): void;
  className?: string;
  /** The tab list's accessible name. */
  label?: string;
  children?: ReactNode;
}) {
  return (
    <div
      className={`segmented${className ? ` ${className}` : ''}`}
      role="tablist"
      aria-label={label}
    >
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="tab"
          aria-selected={o.value === value}
          disabled={o.disabled}
          title={o.title}
          data-testid={o.testId}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
      {children}
    </div>
  );
}
