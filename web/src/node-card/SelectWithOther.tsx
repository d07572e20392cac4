import { useState } from 'react';
import type { ReactNode } from 'react';

/** The choice that reveals the text box; no field value is ever this. */
const OTHER = '__other';

/**
 * A select of known values plus one "other" choice (e.g. "Custom…") that shows a text box for
 * a value the list does not have. Picking a listed value hides the box again. `other` is
 * undefined when the field takes listed values only.
 */
export function SelectWithOther({
  id,
  testId,
  value,
  listed,
  startWithOther = false,
  other,
  onChange,
  options,
}: {
  id: string;
  testId: string;
  value: string;
  /** Whether `value` is one of the listed options (else the box shows it). */
  listed: boolean;
  /** Open with the text box shown (a value the list does not have). */
  startWithOther?: boolean;
  other?: { option: string; ariaLabel: string; testId: string; placeholder?: string };
  onChange(next: string): void;
  /** The listed options (given whether the text box shows, e.g. to list an unlisted value). */
  options(showingOther: boolean): ReactNode;
}) {
  const [showOther, setShowOther] = useState(startWithOther);
  return (
    <span className="select-row">
      <select
        id={id}
        data-testid={testId}
        className="nodrag field-input"
        value={showOther ? OTHER : value}
        onChange={(e) => {
          if (e.target.value === OTHER) setShowOther(true);
          else {
            setShowOther(false);
            onChange(e.target.value);
          }
        }}
      >
        {options(showOther)}
        {other && <option value={OTHER}>{other.option}</option>}
      </select>
      {showOther && other && (
        <input
          aria-label={other.ariaLabel}
          data-testid={other.testId}
          className="nodrag field-input"
          placeholder={other.placeholder}
          value={listed ? '' : value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </span>
  );
}
