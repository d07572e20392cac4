import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SelectWithOther } from './SelectWithOther';

const LISTED = ['square', 'wide'];

/** A field holding `start`, with the select and its text box writing to it as a card does. */
function Field({ start, custom = true }: { start: string; custom?: boolean }) {
  const [value, setValue] = useState(start);
  const listed = LISTED.includes(value);
  return (
    <>
      <SelectWithOther
        id="f"
        testId="field"
        value={value}
        listed={listed}
        startWithOther={!listed}
        other={
          custom
            ? { option: 'Custom…', ariaLabel: 'Shape (custom)', testId: 'field-custom' }
            : undefined
        }
        onChange={setValue}
        options={(showingOther) => (
          <>
            {LISTED.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
            {!showingOther && !listed && <option value={value}>{value} (unlisted)</option>}
          </>
        )}
      />
      <output data-testid="value">{value}</output>
    </>
  );
}

afterEach(cleanup);

const select = () => screen.getByTestId<HTMLSelectElement>('field');
const box = () => screen.queryByTestId<HTMLInputElement>('field-custom');

describe('SelectWithOther', () => {
  it('keeps the box closed for a listed value and opens it on the other choice', () => {
    render(<Field start="wide" />);
    expect(select().value).toBe('wide');
    expect(box()).toBeNull();
    fireEvent.change(select(), { target: { value: '__other' } });
    expect(box()!.value).toBe('');
    expect(screen.getByTestId('value').textContent).toBe('wide');
  });

  it('writes what is typed in the box, and a listed pick closes the box again', () => {
    render(<Field start="wide" />);
    fireEvent.change(select(), { target: { value: '__other' } });
    fireEvent.change(box()!, { target: { value: 'panorama' } });
    expect(screen.getByTestId('value').textContent).toBe('panorama');
    // The box is open: the options are told so (no "unlisted" row while typing).
    expect(screen.queryByText('panorama (unlisted)')).toBeNull();
    fireEvent.change(select(), { target: { value: 'square' } });
    expect(box()).toBeNull();
    expect(screen.getByTestId('value').textContent).toBe('square');
  });

  it('starts with the box showing an unlisted value when asked to', () => {
    render(<Field start="panorama" />);
    expect(select().value).toBe('__other');
    expect(box()!.value).toBe('panorama');
  });

  it('offers no other choice and no box when the field takes listed values only', () => {
    render(<Field start="wide" custom={false} />);
    expect([...select().options].map((o) => o.value)).toEqual(['square', 'wide']);
    fireEvent.change(select(), { target: { value: 'square' } });
    expect(box()).toBeNull();
  });
});
